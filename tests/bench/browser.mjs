// The browser benchmark: the release console page, served by the simulator, in headless
// Chromium, on failovers of 100 to 100,000 sub-jobs in two and three levels.
//
// For each size it measures, on the real fetch path:
// - first paint: from the response's last byte (the widget's `sdrs-job-timeline:response`
//   mark) to the first paint after its rows are in the DOM (`sdrs-job-timeline:rows` mark,
//   then the next frame); medians of several runs, three ways: a first visit (a fresh
//   browser profile: every wasm function is compiled on first use and runs unoptimized at
//   first), the page reopened in that browser (HTTP cache and V8's cache of compiled code,
//   as on every later visit), and a second job in the page in use; and, for a first visit,
//   navigation → rows painted (boot, wasm fetch and compile, the request and the server's
//   time, parse, paint: `SDRS_SIM_BIN=target/release/sdrs-sim` keeps the simulator's own
//   rendering of a large job out of it);
// - collapse-all and expand-all: from the click to the next paint;
// - scroll frames: a scripted scroll (steady steps and jumps); each frame's main-thread
//   work from its scroll event to the end of its paint;
// - zoom frames: zoom and pan steps (the same code as wheel and drag); each frame's work
//   from the key event to the end of its paint;
// - DOM elements in the whole page (the most seen while scrolling), JS heap after a GC, the
//   wasm memory after one job and after a second (wasm memory never shrinks: the second
//   figure is the peak of holding the old tree while the new one is read), and long
//   frames (> 50 ms) Chromium reported during scroll and zoom;
// and the gzipped size of the page's .wasm and .js.
//
// `cargo xtask bench browser` builds the page and the simulator and runs this; it prints a
// table and writes it into BENCHMARKS.md. `--smoke` runs one small size twice (CI keeps
// the benchmark working) and writes nothing; `--sizes 10000,100000` runs those sizes only
// and writes nothing either.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, PROJECT, root, showSources, startSimulator } from "../e2e/harness.mjs";

const smoke = process.argv.includes("--smoke");
// `--shape jaeger`: one root, 1,000 children of 100 each (101,001 jobs, whatever `--sizes`
// says), the shape of the 101,001-span trace measured for Jaeger UI (ANCHORS.md).
const jaeger = process.argv.includes("--shape") && process.argv[process.argv.indexOf("--shape") + 1] === "jaeger";
const sizesArgument = process.argv.indexOf("--sizes");
const SIZES = sizesArgument > 0
  ? process.argv[sizesArgument + 1].split(",").map(Number)
  : smoke ? [1_000] : jaeger ? [101_001] : [100, 1_000, 10_000, 100_000];
// Only a full run (every size) is written into BENCHMARKS.md.
const partial = smoke || sizesArgument > 0 || jaeger;
const LOADS = smoke ? 2 : 5;
const SHAPES = jaeger ? [{ levels: 3, shape: () => ({ instances: 1_000, steps: 100 }) }] : [
  { levels: 2, shape: (jobs) => ({ instances: jobs, steps: 0 }) },
  {
    levels: 3,
    shape: (jobs) => {
      const instances = Math.round(Math.sqrt(jobs));
      return { instances, steps: Math.round(jobs / instances) - 1 };
    },
  },
];
const dist = process.env.SDRS_DIST ?? resolve(root, "target/dist");

/** Installed before the page's scripts: times the first paint after the rows mark. */
function instrument() {
  window.__bench = { paintAt: null, armed: true, wasm: null };
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name === "sdrs-job-timeline:rows" && window.__bench.armed) {
      window.__bench.armed = false;
      // The next frame paints the rows; a task queued from its rAF runs after that paint.
      requestAnimationFrame(() => setTimeout(() => (window.__bench.paintAt = performance.now())));
    }
    return entry;
  };
  addEventListener("TrunkApplicationStarted", (event) => (window.__bench.wasm = event.detail.wasm));
  window.__bench.longFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longFrames.push(entry.duration);
    }).observe({ type: "long-animation-frame", buffered: false });
  } catch {
    window.__bench.longFrames = null;
  }
}

async function openJob(browser, base, jobId) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(`${base}/?project=${PROJECT}&job=${jobId}`);
  await page.waitForFunction(() => window.__bench.paintAt !== null, null, { timeout: 300_000 });
  return { context, page, firstPaint: await paintTimes(page) };
}

/** Response to rows and to paint, from the latest marks. */
function paintTimes(page) {
  return page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(name).at(-1).startTime;
    const response = last("sdrs-job-timeline:response");
    // `performance.now()` counts from the navigation: the paint's time is navigation → rows.
    return { paint: window.__bench.paintAt - response, rows: last("sdrs-job-timeline:rows") - response, navigation: window.__bench.paintAt };
  });
}

/** The page opened again in the same browser (a returning operator): the HTTP cache and
 *  V8's cache of compiled wasm code apply, which a fresh browser profile has neither of. */
async function revisit(page, base, jobId) {
  // Chromium writes the compiled code to its cache a moment after the module turns hot.
  await page.waitForTimeout(2_000);
  await page.goto(`${base}/?project=${PROJECT}&job=${jobId}`);
  await page.waitForFunction(() => window.__bench.paintAt !== null, null, { timeout: 300_000 });
  return paintTimes(page);
}

/** In a page that has shown a job already (code compiled and warm, as for an operator
 *  who keeps the console open), watch another job of the same shape. */
async function watchAnother(page, jobId) {
  await page.evaluate(() => {
    window.__bench.paintAt = null;
    window.__bench.armed = true;
  });
  await showSources(page);
  await page.fill('input[name="job"]', jobId);
  await page.click('button[data-action="watch"]');
  await page.waitForFunction(() => window.__bench.paintAt !== null, null, { timeout: 300_000 });
  return paintTimes(page);
}

/** Click, then wait for the next paint: the time the user waits. */
function clickToPaint(page, selector) {
  return page.evaluate(async (selector) => {
    const button = document.querySelector(selector);
    const start = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    return performance.now() - start;
  }, selector);
}

async function scrollFrames(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector(".sdrs-scroller");
    const room = Math.max(1, scroller.scrollHeight - scroller.clientHeight);
    const targets = [];
    // Steady scrolling down (a wheel or a held key), then jumps (the scrollbar dragged).
    for (let step = 1; step <= 100; step++) targets.push(Math.min(room, step * 400));
    for (let jump = 1; jump <= 20; jump++) targets.push(Math.round(((jump * 7919) % 1000) / 1000 * room));
    const frames = [];
    let mostElements = 0;
    let last = scroller.scrollTop;
    for (const target of targets) {
      if (Math.abs(target - last) < 1) continue;
      last = target;
      const duration = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), 2_000);
        addEventListener(
          "scroll",
          () => {
            const start = performance.now();
            requestAnimationFrame(() =>
              setTimeout(() => {
                clearTimeout(timer);
                resolve(performance.now() - start);
              }),
            );
          },
          { capture: true, once: true },
        );
        scroller.scrollTop = target;
      });
      if (duration !== null) frames.push(duration);
      mostElements = Math.max(mostElements, document.getElementsByTagName("*").length);
    }
    return { frames, mostElements };
  });
}

async function zoomFrames(page) {
  return page.evaluate(async () => {
    const grid = document.querySelector('[role="treegrid"]');
    const keys = ["+", "+", "+", "+", "d", "d", "d", "a", "a", "+", "+", "d", "a", "-", "-", "-", "-", "-", "-", "0"];
    const frames = [];
    for (const key of [...keys, ...keys]) {
      frames.push(
        await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const start = performance.now();
            grid.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
            setTimeout(() => resolve(performance.now() - start));
          }),
        ),
      );
    }
    return frames;
  });
}

async function memory(page) {
  const session = await page.context().newCDPSession(page);
  await session.send("HeapProfiler.collectGarbage");
  await session.send("Performance.enable");
  const { metrics } = await session.send("Performance.getMetrics");
  const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize").value;
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? 0);
  return { heap, wasm };
}

const median = (values) => percentile(values, 50);
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function sizes() {
  const files = readdirSync(dist);
  const gzipped = (extension) =>
    files.filter((file) => file.endsWith(extension)).reduce((sum, file) => sum + gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length, 0);
  return { wasm: gzipped(".wasm"), js: gzipped(".js") };
}

// `SDRS_SIM_LATENCY_MS=100`: every answer of the simulator that much later, as behind a
// real network (the warm-up of the first path is meant to hide in that wait).
const latency = process.env.SDRS_SIM_LATENCY_MS ? ["--latency-ms", process.env.SDRS_SIM_LATENCY_MS] : [];
const simulator = await startSimulator(["--allow-anonymous", "--max-jobs", "100", ...latency]);
const browser = await launchBrowser();
const results = [];
try {
  for (const jobs of SIZES) {
    for (const { levels, shape } of SHAPES) {
      const create = () => simulator.createJob({ scenario: "large", elapsed_ms: 86_400_000, shape: shape(jobs) });
      const jobId = await create();
      const twins = [await create(), await create()];
      const paints = [];
      const navigations = [];
      const rowsMarks = [];
      const warmPaints = [];
      const revisitPaints = [];
      let opened;
      let oneJob;
      for (let load = 0; load < LOADS; load++) {
        await opened?.context.close();
        opened = await openJob(browser, simulator.base, jobId);
        paints.push(opened.firstPaint.paint);
        navigations.push(opened.firstPaint.navigation);
        rowsMarks.push(opened.firstPaint.rows);
        if (load === LOADS - 1) oneJob = await memory(opened.page);
        // Then the same shape again in that page, alternating between two jobs.
        warmPaints.push((await watchAnother(opened.page, twins[load % 2])).paint);
        if (load < LOADS - 1) revisitPaints.push((await revisit(opened.page, simulator.base, jobId)).paint);
      }
      const { page } = opened;
      const total = await page.evaluate(() => Number(document.querySelector('[role="treegrid"]').getAttribute("aria-rowcount")));
      const collapse = await clickToPaint(page, 'button[data-action="collapse-all"]');
      const expand = await clickToPaint(page, 'button[data-action="expand-all"]');
      await page.evaluate(() => (window.__bench.longFrames ? (window.__bench.longFrames.length = 0) : null));
      const scroll = await scrollFrames(page);
      const zoom = await zoomFrames(page);
      const longFrames = await page.evaluate(() => window.__bench.longFrames);
      const { heap, wasm } = await memory(page);
      const result = {
        jobs: total - 1,
        levels,
        firstPaintMs: median(paints),
        navigationToPaintMs: median(navigations),
        warmFirstPaintMs: median(warmPaints),
        revisitFirstPaintMs: median(revisitPaints),
        rowsInDomMs: median(rowsMarks),
        collapseAllMs: collapse,
        expandAllMs: expand,
        scroll: { median: median(scroll.frames), p95: percentile(scroll.frames, 95), max: Math.max(...scroll.frames), frames: scroll.frames.length },
        zoom: { median: median(zoom), p95: percentile(zoom, 95), max: Math.max(...zoom), frames: zoom.length },
        mostElements: scroll.mostElements,
        longFrames: longFrames === null ? null : longFrames.length,
        longestFrameMs: longFrames && longFrames.length > 0 ? Math.max(...longFrames) : 0,
        jsHeapBytes: heap,
        wasmMemoryOneJobBytes: oneJob.wasm,
        jsHeapOneJobBytes: oneJob.heap,
        wasmMemoryBytes: wasm,
      };
      results.push(result);
      console.error(JSON.stringify(result));
      await opened.context.close();
    }
  }
} finally {
  await browser.close();
  simulator.stop();
}

const size = sizes();
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "—");
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const version = await (async () => {
  const probe = await launchBrowser();
  const text = probe.version();
  await probe.close();
  return text;
})();
const table = [
  `Chromium ${version} (headless), this machine (2 cores), viewport 1400×900, release page (\`trunk build --release\`).`,
  `Page size: .wasm ${(size.wasm / 1024).toFixed(1)} KiB gzipped (${size.wasm.toLocaleString("en")} B), .js ${(size.js / 1024).toFixed(1)} KiB gzipped (${size.js.toLocaleString("en")} B).`,
  "",
  "| sub-jobs | levels | first paint ms: first visit / page reopened / page in use | rows in DOM ms (first visit) | navigation → rows painted ms (first visit) | collapse all ms | expand all ms | scroll frame ms median / p95 / max | zoom frame ms median / p95 / max | DOM elements (max) | long frames > 50 ms | JS heap MiB | wasm memory MiB: one job / after a second |",
  "|---:|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|",
  ...results.map(
    (result) =>
      `| ${result.jobs.toLocaleString("en")} | ${result.levels} | ${fixed(result.firstPaintMs)} / ${fixed(result.revisitFirstPaintMs)} / ${fixed(result.warmFirstPaintMs)} | ${fixed(result.rowsInDomMs)} | ${fixed(result.navigationToPaintMs)} | ${fixed(result.collapseAllMs)} | ${fixed(result.expandAllMs)} | ${fixed(result.scroll.median)} / ${fixed(result.scroll.p95)} / ${fixed(result.scroll.max)} | ${fixed(result.zoom.median)} / ${fixed(result.zoom.p95)} / ${fixed(result.zoom.max)} | ${result.mostElements} | ${result.longFrames ?? "n/a"} | ${mib(result.jsHeapBytes)} | ${mib(result.wasmMemoryOneJobBytes)} / ${mib(result.wasmMemoryBytes)} |`,
  ),
].join("\n");
console.log(table);

if (smoke) {
  // The benchmark still measures what it says: every figure is there and plausible.
  for (const result of results) {
    for (const [name, value] of Object.entries({ first: result.firstPaintMs, navigation: result.navigationToPaintMs, warm: result.warmFirstPaintMs, revisit: result.revisitFirstPaintMs, collapse: result.collapseAllMs, scroll: result.scroll.p95, zoom: result.zoom.p95 })) {
      if (!(Number.isFinite(value) && value > 0)) throw new Error(`smoke: ${name} is ${value}`);
    }
    if (result.scroll.frames < 50 || result.zoom.frames < 20) throw new Error("smoke: too few frames measured");
    if (!(result.jsHeapBytes > 0 && result.wasmMemoryBytes > 0)) throw new Error("smoke: no memory figures");
  }
  if (!(size.wasm > 0 && size.js > 0)) throw new Error("smoke: no page sizes");
}
if (!partial) {
  const path = resolve(root, "BENCHMARKS.md");
  const start = "<!-- browser-bench:start -->";
  const end = "<!-- browser-bench:end -->";
  const text = readFileSync(path, "utf8");
  const section = `${start}\n${table}\n${end}`;
  const updated = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${text.trimEnd()}\n\n## Browser (the console page in headless Chromium)\n\nMeasured by \`cargo xtask bench browser\`.\n\n${section}\n`;
  writeFileSync(path, updated);
  console.error(`written into ${path}`);
}
