// Two builds of the package's logic entry, side by side in one Node process: the same
// operations on the same input, run alternately, so that this machine's drift between runs
// (up to 2x on 2 cores) falls on both alike. Prints medians; no assertion.
//
//   node tests/npm/bench-compare.mjs BEFORE/dist/node AFTER/dist/node target/bench/failover-10k.json
//
// (`BEFORE` and `AFTER` are unpacked packages, e.g. `target/npm/package`.)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [beforeDir, afterDir, file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench-compare.mjs BEFORE_NODE_DIR AFTER_NODE_DIR JOB.json");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const load = (dir) => require(resolve(dir, "sdrs_job_timeline.js"));
const builds = { before: load(beforeDir), after: load(afterDir) };
const bytes = readFileSync(file);
const text = bytes.toString("utf8");
const now = Date.parse("2019-06-13T10:00:00Z");

const operations = {
  "JSON.parse(text)": () => () => JSON.parse(text),
  "parseJob(bytes)": (m) => () => m.parseJob(bytes).free(),
  "parseJob(text)": (m) => () => m.parseJob(text).free(),
  "summarize(job)": (m) => {
    return () => {
      const job = m.parseJob(bytes);
      const start = process.hrtime.bigint();
      m.summarize(job, now);
      const took = process.hrtime.bigint() - start;
      job.free();
      return took;
    };
  },
  "layoutTimeline(job), 30 rows read": (m) => {
    return () => {
      const job = m.parseJob(bytes);
      const start = process.hrtime.bigint();
      const timeline = m.layoutTimeline(job, { nowMs: now });
      for (let i = 0; i < 30; i += 1) timeline.row(i);
      const took = process.hrtime.bigint() - start;
      timeline.free();
      job.free();
      return took;
    };
  },
  "parseJob + summarize + layoutTimeline": (m) => () => {
    const job = m.parseJob(bytes);
    m.summarize(job, now);
    m.layoutTimeline(job, { nowMs: now }).free();
    job.free();
  },
};

function time(run) {
  const start = process.hrtime.bigint();
  const inner = run();
  const total = process.hrtime.bigint() - start;
  return Number(typeof inner === "bigint" ? inner : total) / 1e6;
}

const median = (values) => values.slice().sort((a, b) => a - b)[values.length >> 1];
console.log(`${file}: ${(bytes.length / 1e6).toFixed(2)} MB, node ${process.version}`);
for (const [label, make] of Object.entries(operations)) {
  const runs = { before: make(builds.before), after: make(builds.after) };
  for (let warm = 0; warm < 5; warm += 1) {
    runs.before();
    runs.after();
  }
  const times = { before: [], after: [] };
  for (let round = 0; round < 61; round += 1) {
    times.before.push(time(runs.before));
    times.after.push(time(runs.after));
  }
  const [before, after] = [median(times.before), median(times.after)];
  const change = ((after / before - 1) * 100).toFixed(0);
  console.log(`${label.padEnd(40)} before ${before.toFixed(2).padStart(7)} ms   after ${after.toFixed(2).padStart(7)} ms   ${change >= 0 ? "+" : ""}${change} %`);
}
