// Peak wasm memory of the packed package for the worst inputs under the caps (issue: a
// 24 MiB body of empty sub-jobs took 2.2 GB and crashed). wasm memory never shrinks, so
// each input is read in a fresh Node process and `wasmMemoryBytes()` after the read is the
// peak. Two ways in: `parseJob(bytes)` and `watchJob` against a local server (the body is
// streamed into wasm under the cap). Prints a Markdown table for BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";

const MIB = 1024 * 1024;
const CASES = {
  "24 MiB of empty sub-jobs `{}`": () => subJobs(8 * MIB, "{}"),
  "minimal 32-byte sub-jobs past the density cap": () => subJobs(300_000, '{"job_id":"0123456789abcdefg"}'),
  "one 63 MiB string": () => `{"job_id":"x","status":"SUCCESS","fail_reason":"${"a".repeat(63 * MIB)}"}`,
  "24 MiB of unknown members": () => {
    const parts = ["{"];
    for (let index = 0, length = 1; length < 24 * MIB; index += 1) {
      const member = `"${index.toString(16)}":0,`;
      parts.push(member);
      length += member.length;
    }
    parts.push('"job_id":"x","status":"SUCCESS"}');
    return parts.join("");
  },
  "deep unknown values in 200,000 jobs": () =>
    subJobs(200_000, `{"x":${"[".repeat(127)}${"]".repeat(127)},"job_id":"0123456789"}`),
  "249,999 real-sized sub-jobs (at the cap)": () =>
    subJobs(249_999, '{"job_id":"ff8080826b45d4a5016b5036242c0025","status":"SUCCESS","job_type":"createProtectedInstance"}'),
};

function subJobs(count, one) {
  // A finished root, so that watchJob reads it once.
  return `{"job_id":"root","status":"SUCCESS","entities":{"sub_jobs":[${new Array(count).fill(one).join(",")}]}}`;
}

async function measure(name, how) {
  const text = CASES[name]();
  const { parseJob, watchJob, wasmMemoryBytes } = await import("sdrs-job-timeline");
  const before = wasmMemoryBytes();
  let outcome = "parsed";
  if (how === "parseJob") {
    try {
      parseJob(new TextEncoder().encode(text));
    } catch (error) {
      outcome = error.code;
    }
  } else {
    const body = Buffer.from(text);
    const server = createServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(body);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const job = await watchJob({ endpoint: `http://127.0.0.1:${server.address().port}`, projectId: "p", jobId: "j", policy: { maxWaitMs: 60_000 } });
      outcome = `parsed (${job.status ?? "no status"})`;
    } catch (error) {
      outcome = error.code === "TIMED_OUT" ? `TIMED_OUT (${error.lastError?.code})` : error.code;
    }
    server.close();
  }
  console.log(JSON.stringify({ bytes: Buffer.byteLength(text), before, after: wasmMemoryBytes(), outcome }));
}

if (process.argv[2] === "--one") {
  await measure(process.argv[3], process.argv[4]);
} else {
  console.log("| input | bytes | way in | outcome | wasm memory after, MiB | / input |");
  console.log("|---|---:|---|---|---:|---:|");
  for (const name of Object.keys(CASES)) {
    for (const how of ["parseJob", "watchJob"]) {
      const output = execFileSync(process.execPath, ["--max-old-space-size=4096", import.meta.filename, "--one", name, how], { encoding: "utf8" });
      const { bytes, after, outcome } = JSON.parse(output.trim().split("\n").at(-1));
      console.log(`| ${name} | ${bytes.toLocaleString("en")} | ${how} | ${outcome} | ${(after / MIB).toFixed(1)} | ${(after / bytes).toFixed(2)} |`);
    }
  }
}
