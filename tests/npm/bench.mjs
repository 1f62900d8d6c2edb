// Node benchmark of the packed package on the 10,101-job failover (about 3 MB): parseJob +
// summarize + layoutTimeline through the package, next to JSON.parse of the same text as
// the floor a JS developer would otherwise start from. Prints medians; no assertion.
// Run by `cargo xtask bench npm` (which writes the input with `cargo xtask synthetic`).
import { readFileSync } from "node:fs";
import { layoutTimeline, parseJob, summarize } from "sdrs-job-timeline";

const file = process.argv[2];
const bytes = readFileSync(file);
const text = bytes.toString("utf8");
const now = Date.parse("2019-06-13T10:00:00Z");

function median(label, run, rounds = 41) {
  for (let warm = 0; warm < 5; warm += 1) run();
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const value = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(44)} ${value.toFixed(2).padStart(8)} ms`);
  return value;
}

console.log(`${file}: ${(bytes.length / 1e6).toFixed(2)} MB, node ${process.version}`);
const floor = median("JSON.parse(text)", () => JSON.parse(text));
median("parseJob(bytes)", () => parseJob(bytes).free());
median("parseJob(text)", () => parseJob(text).free());
const job = parseJob(bytes);
median("summarize(job)", () => summarize(job, now));
median("layoutTimeline(job)", () => layoutTimeline(job, { nowMs: now }).free());
median("layoutTimeline(job) + reading all rows", () => {
  const timeline = layoutTimeline(job, { nowMs: now });
  timeline.rows;
  timeline.free();
});
const ours = median("parseJob(bytes) + summarize + layoutTimeline", () => {
  const parsed = parseJob(bytes);
  summarize(parsed, now);
  layoutTimeline(parsed, { nowMs: now }).free();
  parsed.free();
});
console.log(`ratio to JSON.parse: ${(ours / floor).toFixed(2)} (issue 14: at most 1.0)`);
