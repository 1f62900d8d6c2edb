// The board benchmark: the release console page watching 100 live jobs at once (issue 12,
// item 2), served by the simulator, in headless Chromium at 1400×900.
//
// It measures:
// - rows in the DOM: from the click on "Watch job" to the first paint with all 100 rows;
// - all answered: from that click until every job has its first answer (the page's
//   civility lets 4 requests out at once, so this is the queue's figure, not rendering's);
// - live frames: for 10 s while the jobs run and their answers arrive, each animation
//   frame's interval (a frame that took long to make shows as a long interval) and the
//   long frames (> 50 ms) Chromium reported;
// - sort: a click on a heading to the next paint (100 rows re-ordered), and "All on one
//   axis": the click to the paint of every job combined on one axis;
// - the most requests in flight the simulator saw, and DOM elements.
//
// `cargo xtask bench board` runs it and writes its table into BENCHMARKS.md; `--smoke`
// (CI) runs 20 jobs, checks every figure is there, and writes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, PROJECT, root, startSimulator } from "../e2e/harness.mjs";

const smoke = process.argv.includes("--smoke");
const JOBS = smoke ? 20 : 100;
const RUNS = smoke ? 1 : 3;
const LIVE_MS = smoke ? 4_000 : 10_000;
const SCENARIOS = ["failover", "failover-fail", "drill-fail", "create-protection-group"];

/** Installed before the page's scripts: frame intervals and long frames, on demand. */
function instrument() {
  window.__board = { frames: [], longFrames: [], recording: false };
  const tick = (at) => {
    if (window.__board.recording) window.__board.frames.push(at);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      if (!window.__board.recording) return;
      for (const entry of list.getEntries()) window.__board.longFrames.push(entry.duration);
    }).observe({ type: "long-animation-frame", buffered: false });
  } catch {
    window.__board.longFrames = null;
  }
}

const median = (values) => percentile(values, 50);
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Click, then wait for the next paint. */
function clickToPaint(page, selector) {
  return page.evaluate(async (selector) => {
    const start = performance.now();
    document.querySelector(selector).click();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    return performance.now() - start;
  }, selector);
}

async function run(browser, simulator) {
  const ids = [];
  for (let index = 0; index < JOBS; index += 1) {
    // Running for about 20 s, so they are live while measured.
    ids.push(await simulator.createJob({ scenario: SCENARIOS[index % SCENARIOS.length], speed: 0.5 }));
  }
  await fetch(`${simulator.base}/sim/stats/reset`, { method: "POST" });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(`${simulator.base}/`);
  await page.waitForSelector(".sdrs-console");
  await page.fill('input[name="project"]', PROJECT);
  await page.fill('input[name="job"]', ids.join(", "));
  const rowsMs = await page.evaluate(async (count) => {
    const start = performance.now();
    document.querySelector('button[data-action="watch"]').click();
    while (document.querySelectorAll('[data-role="board-row"]').length < count) {
      await new Promise((done) => requestAnimationFrame(done));
    }
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    window.__board.clickedAt = start;
    return performance.now() - start;
  }, JOBS);
  const answeredMs = await page.evaluate(async () => {
    const answered = () => [...document.querySelectorAll('[data-role="board-row"]')].every((row) => row.dataset.status);
    while (!answered()) await new Promise((done) => setTimeout(done, 20));
    return performance.now() - window.__board.clickedAt;
  });
  await page.evaluate(() => {
    window.__board.frames = [];
    window.__board.recording = true;
  });
  await page.waitForTimeout(LIVE_MS);
  const live = await page.evaluate(() => {
    window.__board.recording = false;
    const at = window.__board.frames;
    return { intervals: at.slice(1).map((time, index) => time - at[index]), longFrames: window.__board.longFrames };
  });
  const running = await page.$$eval('[data-role="board-row"][data-status="RUNNING"]', (rows) => rows.length);
  const sortMs = await clickToPaint(page, 'button[data-sort="status"]');
  const sortAgainMs = await clickToPaint(page, 'button[data-sort="elapsed"]');
  const axisMs = await clickToPaint(page, 'button[data-action="one-axis-view"]');
  await page.waitForSelector('[data-role="one-axis"] .sdrs-row');
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  const stats = await (await fetch(`${simulator.base}/sim/stats`)).json();
  await context.close();
  return { rowsMs, answeredMs, live, running, sortMs, sortAgainMs, axisMs, elements, mostInFlight: stats.most_in_flight, requests: stats.job_requests };
}

const simulator = await startSimulator(["--allow-anonymous", "--max-jobs", String(JOBS * RUNS + 10)]);
const browser = await launchBrowser();
const runs = [];
try {
  for (let index = 0; index < RUNS; index += 1) {
    const result = await run(browser, simulator);
    console.error(JSON.stringify({ ...result, live: { frames: result.live.intervals.length, long: result.live.longFrames?.length } }));
    runs.push(result);
  }
} finally {
  await browser.close();
  simulator.stop();
}

const intervals = runs.flatMap((result) => result.live.intervals);
const longFrames = runs.flatMap((result) => result.live.longFrames ?? []);
const summary = {
  jobs: JOBS,
  rowsMs: median(runs.map((result) => result.rowsMs)),
  answeredMs: median(runs.map((result) => result.answeredMs)),
  frame: { median: median(intervals), p95: percentile(intervals, 95), max: Math.max(...intervals), frames: intervals.length },
  longFrames: longFrames.length,
  longestFrameMs: longFrames.length ? Math.max(...longFrames) : 0,
  running: Math.min(...runs.map((result) => result.running)),
  sortMs: median(runs.map((result) => result.sortMs)),
  sortAgainMs: median(runs.map((result) => result.sortAgainMs)),
  axisMs: median(runs.map((result) => result.axisMs)),
  elements: Math.max(...runs.map((result) => result.elements)),
  mostInFlight: Math.max(...runs.map((result) => result.mostInFlight)),
};
const fixed = (value) => (Number.isFinite(value) ? value.toFixed(1) : "—");
const table = [
  `Chromium (headless), this machine (2 cores), viewport 1400×900, release page; ${RUNS} runs of ${JOBS} live jobs (medians; frames pooled).`,
  "",
  "| jobs | all rows painted ms | every job answered ms | live frame interval ms median / p95 / max | long frames > 50 ms (longest ms) | jobs still running when sorted | sort click to paint ms (status / elapsed) | one axis click to paint ms | DOM elements | most requests in flight (server) |",
  "|---:|---:|---:|---|---|---:|---|---:|---:|---:|",
  `| ${summary.jobs} | ${fixed(summary.rowsMs)} | ${fixed(summary.answeredMs)} | ${fixed(summary.frame.median)} / ${fixed(summary.frame.p95)} / ${fixed(summary.frame.max)} | ${summary.longFrames} (${fixed(summary.longestFrameMs)}) | ${summary.running} | ${fixed(summary.sortMs)} / ${fixed(summary.sortAgainMs)} | ${fixed(summary.axisMs)} | ${summary.elements} | ${summary.mostInFlight} |`,
].join("\n");
console.log(table);

if (smoke) {
  for (const [name, value] of Object.entries({ rows: summary.rowsMs, answered: summary.answeredMs, frame: summary.frame.p95, sort: summary.sortMs, axis: summary.axisMs })) {
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`smoke: ${name} is ${value}`);
  }
  if (summary.frame.frames < 20) throw new Error("smoke: too few frames measured");
  if (summary.mostInFlight < 1 || summary.mostInFlight > 4) throw new Error(`smoke: ${summary.mostInFlight} in flight`);
} else {
  const path = resolve(root, "BENCHMARKS.md");
  const start = "<!-- board-bench:start -->";
  const end = "<!-- board-bench:end -->";
  const text = readFileSync(path, "utf8");
  const section = `${start}\n${table}\n${end}`;
  const updated = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${text.trimEnd()}\n\n## The board: 100 jobs at once (\`cargo xtask bench board\`)\n\n${section}\n`;
  writeFileSync(path, updated);
  console.error(`written into ${path}`);
}
