// The memory benchmark: what the console page's wasm memory grows to with large jobs, in
// headless Chromium, on the real fetch path. Wasm memory never shrinks, so each figure is
// the peak so far:
// - one job: a 100,000-job failover opened in a fresh page, after its first rows;
// - a second job: another of that size watched in the same page;
// - answers of a running job: a job of that size still RUNNING, polled by the page; the
//   figure after each of its first ten answers (each answer replaces the last, so the
//   memory should stop growing after the first two);
// and the JS heap after a GC at the end.
//
// `cargo xtask bench memory` builds the page and the simulator and runs this; it prints a
// table (no assertion, nothing written). `--jobs N` sets the size, `--answers N` the number
// of answers, `--smoke` runs 1,000 jobs and three answers (CI keeps the benchmark working).
// `SDRS_DIST=DIR` measures another build of the page (e.g. an older commit's).
import { launchBrowser, PROJECT, showSources, startSimulator } from "../e2e/harness.mjs";

const smoke = process.argv.includes("--smoke");
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const JOBS = argument("--jobs", smoke ? 1_000 : 100_000);
const ANSWERS = argument("--answers", smoke ? 3 : 10);
const MiB = 1024 * 1024;

function instrument() {
  window.__bench = { wasm: null };
  addEventListener("TrunkApplicationStarted", (event) => (window.__bench.wasm = event.detail.wasm));
}

async function memory(page) {
  const session = await page.context().newCDPSession(page);
  await session.send("HeapProfiler.collectGarbage");
  await session.send("Performance.enable");
  const { metrics } = await session.send("Performance.getMetrics");
  await session.detach();
  const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize").value;
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? 0);
  return { heap: heap / MiB, wasm: wasm / MiB };
}

/** Waits until the widget has marked `count` rows renders in all (one per answer shown). */
function rowsMarked(page, count) {
  return page.waitForFunction(
    (count) => performance.getEntriesByName("sdrs-job-timeline:rows").length >= count,
    count,
    { timeout: 600_000, polling: 100 },
  );
}

const shape = { instances: JOBS, steps: 0 };
const simulator = await startSimulator(["--allow-anonymous", "--max-jobs", "20"]);
const browser = await launchBrowser();
const rows = [];
try {
  const ended = { scenario: "large", elapsed_ms: 86_400_000, shape };
  const [first, second] = [await simulator.createJob(ended), await simulator.createJob(ended)];
  // Slow enough to stay RUNNING for the whole run, far enough in for many jobs to have begun
  // (a 1,000-job failover has ended by 60 s of its time).
  const running = await simulator.createJob({ scenario: "large", speed: 0.01, elapsed_ms: smoke ? 1_000 : 60_000, shape });

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(`${simulator.base}/?project=${PROJECT}&job=${first}`);
  await rowsMarked(page, 1);
  rows.push(["one job", await memory(page)]);

  const watch = async (jobId) => {
    const before = await page.evaluate(() => performance.getEntriesByName("sdrs-job-timeline:rows").length);
    await showSources(page);
    await page.fill('input[name="job"]', jobId);
    await page.click('button[data-action="watch"]');
    return before;
  };
  let marks = await watch(second);
  await rowsMarked(page, marks + 1);
  rows.push(["a second job", await memory(page)]);

  marks = await watch(running);
  await page.waitForSelector(".sdrs-live", { timeout: 120_000 });
  for (let answer = 1; answer <= ANSWERS; answer++) {
    // The policy's delays grow to 30 s; a job that ended early gets no more answers.
    await page.waitForFunction(
      (count) => performance.getEntriesByName("sdrs-job-timeline:response").length >= count,
      marks + answer,
      { timeout: 120_000, polling: 100 },
    );
    await rowsMarked(page, marks + answer);
    rows.push([`running job, answer ${answer}`, await memory(page)]);
  }
  await context.close();
} finally {
  await browser.close();
  await simulator.stop();
}

console.log(`${JOBS.toLocaleString("en")} jobs, ${ANSWERS} answers of the running job`);
console.log("| after | wasm memory MiB | JS heap MiB |\n|---|---:|---:|");
for (const [label, { wasm, heap }] of rows) console.log(`| ${label} | ${wasm.toFixed(1)} | ${heap.toFixed(1)} |`);
