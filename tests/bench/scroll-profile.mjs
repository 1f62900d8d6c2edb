// Where a scroll frame's time goes: the browser benchmark's scripted scroll (the same 100
// steps of 400 px and 20 jumps) on one 10,000-job failover, traced with Chromium's
// timeline (CDP `Tracing`), each frame's events on the page's main thread summed by kind:
// script (the wasm render and its event), style, layout, pre-paint, paint, commit, and the
// rest ("other": whole tasks inside the frame, and events not named here).
//
//   SDRS_SIM_BIN=../target/release/sdrs-sim node bench/scroll-profile.mjs [--levels 2|3]
//     [--rounds N] [--css "rules"]
//
// Prints, per round, the frames' median and p95 as `bench/browser.mjs` measures them (the
// steady steps and the jumps apart), the median / p95 per frame of each kind of work, and
// the busiest kinds of event over all frames. `--css` adds rules to the page first (a
// constructed stylesheet: the page's CSP allows no inline style), to try a change of style
// without a build. A tool for finding the cost, not a benchmark of record: tracing adds
// its own overhead, and two rounds of the same page differ by up to a third here.
import { launchBrowser, PROJECT, startSimulator } from "../e2e/harness.mjs";

const levelsArgument = process.argv.indexOf("--levels");
const levels = levelsArgument > 0 ? Number(process.argv[levelsArgument + 1]) : 2;
// `--smoke`: 1,000 jobs, and a check that frames and their events were seen (CI keeps the
// tool working).
const smoke = process.argv.includes("--smoke");
const jobs = smoke ? 1_000 : 10_000;
const shape = levels === 2 ? { instances: jobs, steps: 0 } : { instances: Math.sqrt(jobs), steps: Math.sqrt(jobs) - 1 };
const rounds = process.argv.includes("--rounds") ? Number(process.argv[process.argv.indexOf("--rounds") + 1]) : 1;

const simulator = await startSimulator(["--allow-anonymous", "--max-jobs", "10"]);
const browser = await launchBrowser();
try {
  const jobId = await simulator.createJob({ scenario: "large", elapsed_ms: 86_400_000, shape });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${simulator.base}/?project=${PROJECT}&job=${jobId}`);
  await page.waitForSelector('[role="row"]', { timeout: 120_000 });
  await page.waitForTimeout(1_000);
  // `--css "rules"`: an experiment, added to the page before the scroll.
  const css = process.argv.includes("--css") ? process.argv[process.argv.indexOf("--css") + 1] : "";
  if (css) {
    await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, css);
  }
  for (let round = 0; round < rounds; round++) {
    const session = await context.newCDPSession(page);
    const events = [];
    session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const done = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
    await session.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing",
      transferMode: "ReportEvents",
    });
    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector(".sdrs-scroller");
      scroller.scrollTop = 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const room = Math.max(1, scroller.scrollHeight - scroller.clientHeight);
      const targets = [];
      for (let step = 1; step <= 100; step++) targets.push(Math.min(room, step * 400));
      for (let jump = 1; jump <= 20; jump++) targets.push(Math.round(((jump * 7919) % 1000) / 1000 * room));
      const frames = [];
      let last = scroller.scrollTop;
      for (const target of targets) {
        // A scroll to where the list already is fires no event.
        if (Math.abs(target - last) < 1) continue;
        last = target;
        const frame = await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no scroll event for ${target} px`)), 2_000);
          addEventListener(
            "scroll",
            () => {
              clearTimeout(timer);
              const start = performance.now();
              performance.mark("scroll-frame:start");
              requestAnimationFrame(() =>
                setTimeout(() => {
                  document.body.getBoundingClientRect();
                  performance.mark("scroll-frame:end");
                  resolve(performance.now() - start);
                }),
              );
            },
            { capture: true, once: true },
          );
          scroller.scrollTop = target;
        });
        frames.push(frame);
      }
      return frames;
    });
    await session.send("Tracing.end");
    await done;
    await session.detach();
    const seen = report(events, frames);
    if (smoke && (frames.length < 50 || seen < 50)) throw new Error(`smoke: ${frames.length} frames, ${seen} traced`);
  }
} finally {
  await browser.close();
  simulator.stop();
}

function report(events, frames) {
  const starts = events.filter((event) => event.name === "scroll-frame:start").map((event) => event.ts);
  const ends = events.filter((event) => event.name === "scroll-frame:end").map((event) => event.ts);
  // The page's main thread: where its marks were placed (the compositor's and the raster
  // threads' work runs beside it and is not a frame's main-thread cost).
  const thread = events.find((event) => event.name === "scroll-frame:start")?.tid;
  const main = events.filter((event) => event.ph === "X" && event.dur !== undefined && event.tid === thread);
  const kinds = {
    script: ["FunctionCall", "EventDispatch", "RunMicrotasks", "FireAnimationFrame", "TimerFire", "V8.Execute"],
    style: ["UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation"],
    layout: ["Layout"],
    prePaint: ["PrePaint"],
    paint: ["Paint", "PaintImage", "Layerize", "UpdateLayer"],
    commit: ["Commit", "CompositeLayers"],
    hitTest: ["HitTest"],
  };
  const named = new Set(Object.values(kinds).flat());
  const perKind = Object.fromEntries([...Object.keys(kinds), "other"].map((kind) => [kind, []]));
  const byName = new Map();
  for (let index = 0; index < Math.min(starts.length, ends.length); index++) {
    const [from, to] = [starts[index], ends[index]];
    const inside = main.filter((event) => event.ts >= from && event.ts + event.dur <= to);
    // Top-level only: an event not inside another of the frame's events.
    const top = inside.filter((event) => !inside.some((other) => other !== event && other.ts <= event.ts && other.ts + other.dur >= event.ts + event.dur && other.dur > event.dur));
    const sum = (chosen) => chosen.reduce((total, event) => total + event.dur, 0) / 1000;
    for (const [kind, names] of Object.entries(kinds)) perKind[kind].push(sum(top.filter((event) => names.includes(event.name))));
    // Whole tasks (a timer the frame queued, say) and whatever else is not named above.
    perKind.other.push(sum(top.filter((event) => !named.has(event.name))));
    for (const event of top) byName.set(event.name, (byName.get(event.name) ?? 0) + event.dur / 1000);
  }
  const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
  const line = Object.entries(perKind).map(([kind, values]) => `${kind} ${percentile(values, 50).toFixed(2)}/${percentile(values, 95).toFixed(2)}`);
  const [steady, jumps] = [frames.slice(0, -20), frames.slice(-20)];
  console.log(`frames ${frames.length}: median ${percentile(frames, 50).toFixed(2)} p95 ${percentile(frames, 95).toFixed(2)} ms (steady median ${percentile(steady, 50).toFixed(2)} p95 ${percentile(steady, 95).toFixed(2)}, jumps median ${percentile(jumps, 50).toFixed(2)}) | ${line.join(" | ")}`);
  const busiest = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log("top-level events, ms over all frames: " + busiest.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(", "));
  return Math.min(starts.length, ends.length);
}
