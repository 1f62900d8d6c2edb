// The packed npm package in Node, as a consumer uses it: every core fixture through
// parseJob / summarize / layoutTimeline with the same expected results as the Rust tests,
// errors with their codes, and watchJob against the real simulator.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  defaultPollPolicy,
  jobTypeLabel,
  layoutTimeline,
  nextPollDelay,
  parseErrorResponse,
  parseJob,
  summarize,
  toChromeTrace,
  toOtlpSpans,
  watchJob,
  jobHistory,
  answerText,
  toSessionRecord,
  openSessionRecord,
  jobStatistics,
  compareJobs,
} from "sdrs-job-timeline";
import { PROJECT, root, startSimulator, TOKEN } from "../e2e/harness.mjs";

const fixtures = resolve(root, "crates/sdrs-job-core/tests/fixtures");
const NOW = Date.parse("2019-06-13T09:42:00.000Z");
const expectedOf = (file) => JSON.parse(readFileSync(file.replace(/\.(json|http)$/, ".expected.json"), "utf8"));
/** The same JSON value, whatever the key order. */
const plain = (value) => JSON.parse(JSON.stringify(value));

describe("every core fixture gives the Rust results", () => {
  const jobFiles = readdirSync(resolve(fixtures, "jobs")).filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"));
  assert.ok(jobFiles.length >= 15);
  for (const name of jobFiles) {
    test(`jobs/${name}`, () => {
      const file = resolve(fixtures, "jobs", name);
      const expected = expectedOf(file);
      const input = readFileSync(file);
      if (expected.parse !== "ok") {
        assert.throws(() => parseJob(input), (error) => {
          assert.ok(error instanceof Error);
          const wanted = expected.parse.error;
          assert.equal(error.code, wanted.code);
          assert.equal(error.message, wanted.message);
          assert.equal(error.line, wanted.line);
          assert.equal(error.column, wanted.column);
          assert.equal(error.path, wanted.path);
          return true;
        });
        return;
      }
      const job = parseJob(input);
      assert.deepEqual(plain(summarize(job, NOW)), expected.summary);
      assert.deepEqual(plain(layoutTimeline(job, { nowMs: NOW })), expected.layout);
      assert.deepEqual(job.toJSON(), JSON.parse(input.toString("utf8")), "round trip");
    });
  }
  const errorFiles = readdirSync(resolve(fixtures, "errors")).filter((name) => name.endsWith(".http"));
  for (const name of errorFiles) {
    test(`errors/${name}`, () => {
      const file = resolve(fixtures, "errors", name);
      const expected = expectedOf(file);
      const text = readFileSync(file, "utf8");
      const [head, ...rest] = text.split("\n\n");
      const status = Number(head.split("\n")[0].split(" ")[1]);
      const requestId = head.split("\n").find((line) => /^x-request-id:/i.test(line))?.split(":")[1].trim();
      const body = rest.join("\n\n").replace(/\n$/, "");
      const error = parseErrorResponse(status, body, requestId);
      assert.equal(error.httpStatus, expected.error.httpStatus);
      assert.equal(error.code, expected.error.code);
      assert.equal(error.message, expected.error.message);
      assert.equal(error.requestId, expected.error.requestId);
      assert.equal(error.retryable, expected.retryable);
      assert.equal(error.notFound, expected.notFound);
      assert.equal(error.meaning, expected.meaningEn);
      assert.equal(error.meaningZh, expected.meaningZh);
    });
  }
});

describe("the job handle and the rest of the API", () => {
  test("fields, sub-jobs, bytes and strings", () => {
    const text = readFileSync(resolve(fixtures, "jobs/api-example-stop-protection-group.json"), "utf8");
    for (const job of [parseJob(text), parseJob(new TextEncoder().encode(text))]) {
      assert.equal(job.jobId, "ff8080826b45d4a5016b5036242c0025");
      assert.equal(job.jobType, "stopProtectionGroupNoCG");
      assert.equal(job.status, "SUCCESS");
      assert.equal(job.beginTime, "2019-06-13T09:40:53.930Z");
      assert.equal(job.beginMs, Date.parse("2019-06-13T09:40:53.930Z"));
      assert.equal(job.errorCode, undefined);
      assert.equal(job.subJobs.length, 2);
      assert.deepEqual(job.subJobs[0].entities, { serverGroupId: "1fd6903c-48f9-4772-8974-112dfbd74427" });
      assert.equal(job.jobCount, 3);
    }
    const unknown = parseJob('{"status":"PAUSED","job_type":"stopProtectionGroupRepNoCG"}');
    assert.equal(unknown.status, "PAUSED", "unknown statuses verbatim");
    assert.equal(jobTypeLabel(unknown.jobType), "Stop protection group rep");
    assert.equal(jobTypeLabel("failoverProtectionGroupNoCG", "zh"), "保护组故障切换");
    // BCP 47 tags count by their language; an unknown language is English.
    for (const tag of ["zh-CN", "zh-Hans", "ZH_cn"]) assert.equal(jobTypeLabel("failoverProtectionGroupNoCG", tag), "保护组故障切换", tag);
    for (const tag of ["en-US", "fr-FR"]) assert.equal(jobTypeLabel("failoverProtectionGroupNoCG", tag), "Fail over protection group", tag);
    assert.equal(jobTypeLabel("stopProtectionGroupRepNoCG", "zh-CN"), "停止保护组复制", "undocumented types of known words in Chinese");
  });

  test("a JS string reads as its UTF-8: Chinese, astral characters, lone surrogates", () => {
    // An all-ASCII head, then text past it (read in two steps inside the package).
    const reason = "复制对失败 😀 ".repeat(200) + "\uD800 lone" + " end\uDC00";
    // Not JSON.stringify, which would escape the lone surrogates: the string holds them raw.
    const text = `{"job_id":"${"j".repeat(3000)}","status":"FAIL","fail_reason":"${reason}","job_type":"创建"}`;
    const fromText = parseJob(text);
    const fromBytes = parseJob(new TextEncoder().encode(text));
    assert.equal(fromText.failReason, fromBytes.failReason);
    assert.equal(fromText.failReason, reason.replace(/\uD800/, "\uFFFD").replace(/\uDC00/, "\uFFFD"));
    assert.equal(fromText.jobType, "创建");
    assert.equal(fromText.jobId.length, 3000);
    assert.equal(parseJob('{"status":"RUNNING"}').status, "RUNNING");
    assert.throws(() => parseJob(""), (error) => error.code === "SYNTAX");
    // The place of an error counts characters after non-ASCII text, as from bytes.
    const bad = '{"fail_reason":"失败😀","status":3}';
    const place = (input) => { try { parseJob(input); } catch (error) { return [error.code, error.line, error.column, error.message]; } };
    assert.deepEqual(place(bad), place(new TextEncoder().encode(bad)));
  });

  test("errors carry stable codes", () => {
    const cases = [
      ['{"status": "RUNNING",', "SYNTAX"],
      ['{"status": 3}', "TYPE"],
      ['{"begin_time": "yesterday"}', "TIMESTAMP"],
      ["[]", "TYPE"],
      ['{"entities":{"sub_jobs":['.repeat(10_001) + "{}" + "]}}".repeat(10_001), "TOO_DEEP"],
    ];
    for (const [input, code] of cases) {
      assert.throws(() => parseJob(input), (error) => error instanceof Error && error.code === code, code);
    }
    assert.throws(() => parseJob(42), (error) => error.code === "TYPE");
  });

  test("timeline rows are read on demand", () => {
    const job = parseJob(readFileSync(resolve(fixtures, "jobs/failover-three-levels.json")));
    const timeline = layoutTimeline(job, { nowMs: NOW, collapsed: ["ff8080826b45d4a5016b5036242c1003"], locale: "zh" });
    assert.equal(timeline.rowCount, 8);
    const folded = timeline.row(7);
    assert.equal(folded.jobId, "ff8080826b45d4a5016b5036242c1003");
    assert.equal(folded.hiddenFailure, true);
    assert.equal(timeline.row(8), undefined);
    assert.equal(timeline.rows.length, 8);
    assert.equal(timeline.row(0).label, "保护组故障切换");
  });

  test("rows sorted by duration keep the hierarchy; gaps are told (the README's example)", () => {
    const bytes = readFileSync(resolve(fixtures, "jobs/failover-three-levels.json"));
    const timeline = layoutTimeline(parseJob(bytes), { order: "longestFirst", locale: "zh-CN" });
    const slowest = timeline.rows.filter((row) => row.depth === 2).map((row) => [row.label, row.durationMs]);
    const gaps = timeline.rows.filter((row) => row.gapBeforeMs !== null);
    assert.ok(slowest.length > 0);
    const rows = timeline.rows;
    const listed = layoutTimeline(parseJob(bytes)).rows;
    assert.deepEqual(rows.map((row) => row.index).sort((a, b) => a - b), listed.map((row) => row.index).sort((a, b) => a - b), "the same rows");
    for (const [position, row] of rows.entries()) {
      const previous = rows.slice(0, position).findLast((other) => other.parentIndex === row.parentIndex);
      if (previous && row.parentIndex !== null && row.durationMs !== null) {
        assert.ok(previous.durationMs !== null && previous.durationMs >= row.durationMs, `${previous.durationMs} before ${row.durationMs}`);
      }
      if (row.parentIndex !== null) assert.ok(rows.findIndex((other) => other.index === row.parentIndex) < position, "a parent before its sub-jobs");
    }
    for (const gap of gaps) assert.ok(gap.gapBeforeMs > 0);
    const paused = parseJob(JSON.stringify({ job_id: "r", status: "SUCCESS", entities: { sub_jobs: [
      { job_id: "a", status: "SUCCESS", begin_time: "2019-06-13T09:40:00Z", end_time: "2019-06-13T09:40:10Z" },
      { job_id: "b", status: "SUCCESS", begin_time: "2019-06-13T09:40:14Z", end_time: "2019-06-13T09:40:20Z" },
    ] } }));
    assert.deepEqual(layoutTimeline(paused).rows.map((row) => [row.jobId, row.durationMs, row.gapBeforeMs]), [["r", null, null], ["a", 10_000, null], ["b", 6_000, 4_000]]);
    assert.throws(() => layoutTimeline(parseJob(bytes), { order: "fastest" }), (error) => error.code === "TYPE" && /order|variant/.test(error.message));
  });

  test("nextPollDelay is the core's policy", () => {
    assert.deepEqual(defaultPollPolicy(), { minDelayMs: 2000, maxDelayMs: 30000, maxWaitMs: 7200000, requestTimeoutMs: 30000 });
    assert.deepEqual(nextPollDelay(1, 0, { status: "RUNNING" }, undefined, 0.5), { kind: "wait", delayMs: 2000, lastAttempt: false });
    assert.deepEqual(nextPollDelay(3, 0, { status: "RUNNING" }, { minDelayMs: 100, maxDelayMs: 1000 }, 1), { kind: "wait", delayMs: 400, lastAttempt: false });
    assert.deepEqual(nextPollDelay(1, 0, { status: "FAIL" }), { kind: "stop", reason: "FAILED" });
    assert.deepEqual(nextPollDelay(1, 0, { error: "final" }), { kind: "stop", reason: "FINAL_ERROR" });
    assert.deepEqual(nextPollDelay(1, 0, { error: "retryable", retryAfterMs: 9000 }, undefined, 0), { kind: "wait", delayMs: 9000, lastAttempt: false });
    assert.deepEqual(nextPollDelay(5, 7_200_000, { status: "PAUSED" }), { kind: "stop", reason: "TIMED_OUT" });
    assert.throws(() => nextPollDelay(1, 0, { error: "maybe" }), (error) => error.code === "TYPE");
  });
});

test("the stylesheet only styles the widget: every selector is under .sdrs-job-timeline", () => {
  const css = readFileSync(resolve("node_modules/sdrs-job-timeline/timeline.css"), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/@[^{]+\{/g, ""); // at-rule preludes (@media ...): their blocks' rules are checked
  const selectors = [...css.matchAll(/([^{}@]+)\{/g)]
    .map((match) => match[1].trim())
    .filter((selector) => selector && !selector.startsWith("@") && !/^(from|to|\d+%)$/.test(selector));
  assert.ok(selectors.length > 50, `${selectors.length} selectors`);
  for (const group of selectors) {
    for (const selector of group.split(",").map((part) => part.trim())) {
      assert.ok(selector.startsWith(".sdrs-job-timeline"), `global selector: ${selector}`);
    }
  }
});

describe("watchJob against the simulator", () => {
  let simulator;
  before(async () => {
    simulator = await startSimulator([], { dist: null });
  });
  after(() => simulator?.stop());
  const policy = { minDelayMs: 20, maxDelayMs: 100, maxWaitMs: 60_000 };

  test("follows a live scenario to its end, reporting every state", async () => {
    const jobId = await simulator.createJob({ scenario: "failover", speed: 50 });
    const seen = [];
    // The npm README's example, as written there.
    const job = await watchJob({
      endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN,
      policy: { minDelayMs: 20, maxDelayMs: 100, requestTimeoutMs: 30_000 },
      signal: AbortSignal.timeout(600_000),
      onUpdate: (update, summary) => seen.push([update.status, summary.progress]),
    });
    assert.equal(job.status, "SUCCESS");
    assert.equal(job.jobCount, 17);
    assert.ok(seen.some(([status]) => status === "RUNNING"), JSON.stringify(seen));
    assert.deepEqual(seen.at(-1), ["SUCCESS", 1]);
  });

  test("the watch's observed history: waits in INIT read back, one entry per answer (the README's example)", async () => {
    const jobId = await simulator.createJob({ scenario: "failover", speed: 20 });
    const answers = [];
    // The npm README's example, as written there.
    const job = await watchJob({
      endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN,
      policy: { minDelayMs: 20, maxDelayMs: 100 },
      onUpdate: (update, summary, history) => answers.push(history.answers),
    });
    const waits = jobHistory(job).jobs.flatMap(({ key, changes }) => {
      const seen = changes[0];
      const started = changes.find((change) => change.kind === "status" && change.status.kind !== "INIT");
      return seen.status.kind === "INIT" && started ? [{ jobId: key.value, waitedMs: started.atMs - seen.atMs }] : [];
    });
    const history = jobHistory(job);
    assert.deepEqual(answers, answers.map((_, index) => index + 1), "onUpdate's history counts each answer");
    assert.equal(history.answers, answers.length);
    assert.equal(history.jobs.length, job.jobCount, "every job is known");
    assert.equal(history.dropped, 0);
    assert.ok(waits.length > 0, JSON.stringify(history.jobs.map((entry) => entry.changes)));
    for (const wait of waits) {
      assert.ok(wait.waitedMs > 0, JSON.stringify(wait));
      assert.ok(history.moments.length <= history.answers);
    }
    // The root's record ends as the job did.
    const root = history.jobs[0];
    assert.deepEqual(root.key, { by: "id", value: jobId });
    assert.equal(root.changes.filter((change) => change.kind === "status").at(-1).status.kind, "SUCCESS");
    assert.ok(root.changes.some((change) => change.kind === "ended"));
    // A sub-job's handle carries the same watch's history; a parsed job has none.
    assert.equal(jobHistory(job.subJobs[0]).answers, history.answers);
    assert.equal(jobHistory(parseJob(JSON.stringify(job.toJSON()))), null);
  });

  test("a session record written to a file and opened again is the same watch (the README's example)", async () => {
    const jobId = await simulator.createJob({ scenario: "failover", speed: 20 });
    const job = await watchJob({ endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN, policy: { minDelayMs: 20, maxDelayMs: 100 } });
    const file = resolve(mkdtempSync(resolve(tmpdir(), "sdrs-record-")), "record.json");
    // The npm README's example, as written there.
    const record = toSessionRecord(job, { endpoint: simulator.base, projectId: PROJECT });
    writeFileSync(file, JSON.stringify(record));
    // Later, anywhere, offline:
    const reopened = openSessionRecord(readFileSync(file, "utf8"));
    const answers = jobHistory(reopened).answerTimes.length;

    assert.equal(answers, jobHistory(job).answers);
    assert.deepEqual(jobHistory(reopened), jobHistory(job));
    assert.equal(reopened.toWireJson(), job.toWireJson());
    assert.ok(!readFileSync(file, "utf8").includes(TOKEN), "no token in the record");
    assert.deepEqual([record.format, record.projectId, record.jobId, record.endpoint], ["sdrs-job-timeline/session", PROJECT, jobId, simulator.base]);
    // The answer as the service sent it, byte for byte.
    const sent = await (await fetch(`${simulator.base}/v1/${PROJECT}/jobs/${jobId}`, { headers: { "x-auth-token": TOKEN } })).text();
    assert.equal(answerText(job), sent);
    assert.equal(record.lastAnswer, sent);
    // Broken files say where; a parsed job has no record to give.
    const broken = JSON.stringify({ ...record, history: { ...record.history, moments: [...record.history.moments].reverse() } });
    assert.throws(() => openSessionRecord(broken), (error) => error.code === "SESSION_RECORD" && /moments\[1\]/.test(error.message));
    assert.throws(() => openSessionRecord("{\"format\":"), (error) => error.code === "SESSION_RECORD" && /JSON/.test(error.message));
    assert.throws(() => openSessionRecord(JSON.stringify({ ...record, token: TOKEN })), (error) => /unknown field `token`/.test(error.message));
    assert.throws(() => toSessionRecord(parseJob(sent), { endpoint: "", projectId: PROJECT }), (error) => error.code === "TYPE");
  });

  test("a failed job resolves: it is a result", async () => {
    const jobId = await simulator.createJob({ scenario: "drill-fail", elapsed_ms: 600_000 });
    const job = await watchJob({ endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN, policy });
    assert.equal(job.status, "FAIL");
    assert.equal(summarize(job).failures.find((failure) => failure.isOrigin).errorCode, "SDRS.0406");
  });

  test("503s are retried", async () => {
    const jobId = await simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 60_000, faults: ["status=503", "status=503"] });
    let calls = 0;
    const countingFetch = (url, init) => {
      calls += 1;
      return fetch(url, init);
    };
    const job = await watchJob({ endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN, policy, fetch: countingFetch });
    assert.equal(job.status, "SUCCESS");
    assert.equal(calls, 3);
  });

  test("401 rejects at once, with the error's details", async () => {
    let calls = 0;
    const countingFetch = (url, init) => {
      calls += 1;
      return fetch(url, init);
    };
    await assert.rejects(
      watchJob({ endpoint: simulator.base, projectId: PROJECT, jobId: "0000000062db92d70162db9d200f000a", token: "wrong", policy, fetch: countingFetch }),
      (error) => {
        assert.ok(error instanceof Error);
        assert.equal(error.code, "APIGW.0301");
        assert.equal(error.httpStatus, 401);
        assert.equal(error.retryable, false);
        assert.match(error.requestId, /^[0-9a-f]{32}$/);
        assert.ok(!error.message.includes("wrong"), "the token is not in the message");
        return true;
      },
    );
    assert.equal(calls, 1);
  });

  test("abort rejects with an AbortError", async () => {
    const jobId = await simulator.createJob({ scenario: "large", speed: 0.01 });
    const controller = new AbortController();
    let updates = 0;
    const watching = watchJob({
      endpoint: simulator.base, projectId: PROJECT, jobId, token: TOKEN,
      policy: { minDelayMs: 60_000, maxDelayMs: 60_000 }, signal: controller.signal,
      onUpdate: () => {
        updates += 1;
        controller.abort();
      },
    });
    await assert.rejects(watching, (error) => error.name === "AbortError");
    assert.equal(updates, 1);
  });

  test("a server that is down is retried until the time budget, then rejects", async () => {
    await assert.rejects(
      watchJob({ endpoint: "http://127.0.0.1:9", projectId: PROJECT, jobId: "0000000062db92d70162db9d200f000a", policy: { minDelayMs: 10, maxDelayMs: 20, maxWaitMs: 200 } }),
      (error) => error.code === "TIMED_OUT" && error.lastError.code === "NETWORK",
    );
  });
});

describe("statistics by job type and two runs compared", () => {
  test("the fixture's known numbers, and a run twice as slow matched job for job (the README's example)", () => {
    const text = readFileSync(resolve(fixtures, "jobs/failover-three-levels.json"), "utf8");
    // The same failover run again, every step twice as long.
    const wire = JSON.parse(text);
    const origin = Date.parse(wire.begin_time);
    const stretch = (entry) => {
      for (const field of ["begin_time", "end_time"]) {
        if (entry[field]) entry[field] = new Date(origin + (Date.parse(entry[field]) - origin) * 2).toISOString();
      }
      for (const sub of entry.entities?.sub_jobs ?? []) stretch(sub);
    };
    stretch(wire);
    const lastDrill = parseJob(text);
    const job = parseJob(JSON.stringify(wire));
    // The npm README's example, as written there.
    const slowest = jobStatistics(job, { nowMs: NOW, sortBy: "max" })[0];
    const { rows, onlyA, onlyB } = compareJobs(lastDrill, job, NOW);
    const worse = rows.filter((row) => row.deltaMs > 0).map((row) => `${row.path}: +${row.deltaMs} ms`);

    assert.equal(slowest.jobType, "failoverProtectionGroupNoCG");
    assert.equal(slowest.maxMs, 180_240);
    const instances = jobStatistics(lastDrill, { nowMs: NOW }).find((row) => row.jobType === "failoverProtectedInstanceNoCG");
    assert.deepEqual(
      [instances.count, instances.failures, instances.minMs, instances.medianMs, instances.maxMs, instances.totalMs],
      [3, 1, 38_800, 51_250, 88_700, 178_750],
    );
    assert.deepEqual(jobStatistics(lastDrill, { nowMs: NOW, sortBy: "median", descending: false }).map((row) => row.jobType)[0], "stopServerNew");
    assert.equal(rows.length, 10);
    assert.deepEqual([onlyA, onlyB], [0, 0]);
    assert.equal(worse.length, 10, "every step is slower");
    assert.equal(worse[0], ": +90120 ms", "the root first: the biggest slow-down");
    assert.ok(rows.every((row) => row.aJobId === row.bJobId));
    assert.throws(() => jobStatistics(job, { sortBy: "speed" }), (error) => error.code === "TYPE");
  });
});

describe("the timeline as an SVG image", () => {
  test("one row group per row as laid out, in order, every text escaped (the README's example)", () => {
    const job = parseJob(readFileSync(resolve(fixtures, "jobs/failover-three-levels.json")));
    // The npm README's example, as written there.
    const svg = layoutTimeline(job, { nowMs: NOW, locale: "zh" }).toSvg({ widthPx: 1000 });
    const rows = [...svg.matchAll(/<g data-row="(\d+)" data-job-id="([^"]*)" data-status="([^"]*)"/g)];
    const timeline = layoutTimeline(job, { nowMs: NOW, locale: "zh" });
    assert.deepEqual(rows.map((match) => match[2]), timeline.rows.map((row) => row.jobId));
    assert.deepEqual(rows.map((match) => match[3]), timeline.rows.map((row) => row.status));
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1000"/);
    assert.ok(svg.includes(timeline.rows[0].label), "labels in the locale asked");
    const folded = layoutTimeline(job, { nowMs: NOW, collapsed: [job.jobId] }).toSvg();
    assert.equal([...folded.matchAll(/<g data-row=/g)].length, 1);
    const capped = layoutTimeline(job, { nowMs: NOW }).toSvg({ maxRows: 2 });
    assert.equal([...capped.matchAll(/<g data-row=/g)].length, 2);
    assert.match(capped, new RegExp(`… \\+${timeline.rowCount - 2}<`));
    const hostile = parseJob('{"job_id":"<x>","job_type":"</text><script>alert(1)</script>","status":"FAIL","error_code":"\\"&"}');
    const escaped = layoutTimeline(hostile, { nowMs: NOW }).toSvg();
    assert.ok(!escaped.includes("<script") && !escaped.includes('data-job-id="<x>"'), escaped);
    assert.throws(() => timeline.toSvg({ widthPx: "wide" }), (error) => error.code === "TYPE");
  });
});

describe("the job as a Chrome trace", () => {
  /** Every job of a wire job, depth first, with its depth. */
  const walk = (job, depth = 0, out = []) => {
    out.push({ job, depth });
    for (const sub of job.entities?.sub_jobs ?? []) walk(sub, depth + 1, out);
    return out;
  };

  test("one complete event per started job, durations in µs, nested on lanes, as the README writes it", () => {
    const bytes = readFileSync(resolve(fixtures, "jobs/failover-three-levels.json"));
    const job = parseJob(bytes);
    const file = JSON.stringify(toChromeTrace(job, NOW, "zh"));
    const trace = JSON.parse(file);
    const wire = walk(JSON.parse(bytes.toString("utf8")));
    const started = wire.filter(({ job }) => job.begin_time);
    const complete = trace.traceEvents.filter((event) => event.ph === "X");
    assert.equal(complete.length, started.length);
    assert.equal(trace.displayTimeUnit, "ms");
    const origin = Math.min(...started.map(({ job }) => Date.parse(job.begin_time)));
    for (const [at, { job, depth }] of started.entries()) {
      const event = complete[at];
      assert.equal(event.args.job_id, job.job_id);
      assert.equal(event.args.status, job.status);
      assert.equal(Number(event.args.depth), depth);
      assert.equal(event.ts, (Date.parse(job.begin_time) - origin) * 1000);
      const end = job.end_time ? Date.parse(job.end_time) : NOW;
      assert.equal(event.dur, Math.max(0, end - Date.parse(job.begin_time)) * 1000, job.job_id);
      assert.equal(event.args.running, job.end_time ? undefined : "true");
      assert.ok(event.name.length > 0 && event.cat === "sdrs.job" && event.pid === 1 && Number.isInteger(event.tid));
      if (job.error_code) assert.equal(event.args.error_code, job.error_code);
    }
    // The trace format's rule for complete events: on one thread they nest or follow.
    const lanes = new Map();
    for (const event of complete) lanes.set(event.tid, [...(lanes.get(event.tid) ?? []), event]);
    for (const [lane, events] of lanes) {
      const open = [];
      for (const event of events.toSorted((a, b) => a.ts - b.ts || b.dur - a.dur)) {
        while (open.length > 0 && open.at(-1) <= event.ts) open.pop();
        assert.ok(open.length === 0 || event.ts + event.dur <= open.at(-1), `lane ${lane} overlaps at ${event.args.job_id}`);
        open.push(event.ts + event.dur);
      }
    }
    const names = trace.traceEvents.filter((event) => event.ph === "M" && event.name === "thread_name");
    assert.deepEqual(names.map((event) => event.tid).sort(), [...lanes.keys()].sort());
    assert.equal(complete[0].name, jobTypeLabel(JSON.parse(bytes.toString("utf8")).job_type, "zh"));
    // The README's example, as written there.
    const blob = new Blob([JSON.stringify(toChromeTrace(job))], { type: "application/json" });
    assert.ok(blob.size > 0);
  });
});

describe("the job as OTLP/JSON spans", () => {
  test("one span per started job, parents in the export, FAIL as ERROR, as the README writes it", () => {
    const bytes = readFileSync(resolve(fixtures, "jobs/drill-sub-job-failed.json"));
    const wire = JSON.parse(bytes.toString("utf8"));
    const all = [];
    const walk = (job, parent) => {
      all.push({ job, parent });
      for (const sub of job.entities?.sub_jobs ?? []) walk(sub, job);
    };
    walk(wire, null);
    const job = parseJob(bytes);
    // The README's example, as written there.
    const body = JSON.stringify(toOtlpSpans(job));
    const spans = JSON.parse(body).resourceSpans[0].scopeSpans[0].spans;
    const started = all.filter(({ job }) => job.begin_time);
    assert.equal(spans.length, started.length);
    const byJob = new Map(spans.map((span) => [span.attributes.find((attribute) => attribute.key === "sdrs.job_id")?.value.stringValue, span]));
    assert.equal(new Set(spans.map((span) => span.spanId)).size, spans.length);
    for (const { job, parent } of started) {
      const span = byJob.get(job.job_id);
      assert.match(span.traceId, /^[0-9a-f]{32}$/);
      assert.match(span.spanId, /^[0-9a-f]{16}$/);
      assert.equal(span.startTimeUnixNano, String(BigInt(Date.parse(job.begin_time)) * 1_000_000n));
      if (parent?.begin_time) assert.equal(span.parentSpanId, byJob.get(parent.job_id).spanId);
      assert.equal(span.status.code, job.status === "FAIL" ? 2 : job.status === "SUCCESS" ? 1 : 0);
      if (job.status === "FAIL" && job.error_code) assert.ok(span.status.message.startsWith(job.error_code), span.status.message);
    }
    assert.equal(spans[0].parentSpanId, undefined);
    assert.deepEqual(toOtlpSpans(job).resourceSpans[0].scopeSpans[0].spans.map((span) => span.spanId), spans.map((span) => span.spanId), "stable ids");
  });
});

describe("the READMEs' examples are the code the tests run", () => {
  // Every code block of the npm README names, in a `<!-- tested: FILE -->` line above it,
  // the test file (or a page a test loads) that holds the same lines, so an example cannot
  // drift from code that works.
  const readme = readFileSync(resolve(root, "crates/sdrs-job-timeline-js/npm/README.md"), "utf8");
  const blocks = [...readme.matchAll(/(?:<!-- tested: (\S+) -->\n)?```\w*\n([\s\S]*?)```/g)];
  test("every example names where it runs", () => {
    assert.ok(blocks.length >= 5);
    for (const [, file, code] of blocks) {
      assert.ok(file, `an example without a tested: line:\n${code}`);
    }
  });
  for (const [, file, code] of blocks.filter(([, file]) => file)) {
    test(`the example from ${file} is there as written`, () => {
      const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);
      const wanted = lines(code);
      const have = lines(readFileSync(resolve(root, file), "utf8"));
      const at = have.findIndex((_, start) => wanted.every((line, offset) => have[start + offset] === line));
      assert.ok(at >= 0, `${file} does not hold:\n${code}`);
    });
  }

  test("the main README's simulator examples (curl) work as written", async () => {
    // The README's shell block that starts a job and reads it; only the simulator's port is
    // this test's own, and `<job_id>` is the id the first command printed.
    const main = readFileSync(resolve(root, "README.md"), "utf8");
    const block = [...main.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]).find((code) => code.includes("curl -X POST"));
    assert.ok(block, "the README has the curl example");
    const commands = block.replace(/\\\n/g, " ").split("\n").filter((line) => line.startsWith("curl"));
    assert.equal(commands.length, 2);
    const simulator = await startSimulator([], { dist: null });
    try {
      const run = (command) => execFileSync("sh", ["-c", command.replaceAll("http://127.0.0.1:8081", simulator.base)], { encoding: "utf8" });
      const { job_id: jobId } = JSON.parse(run(commands[0]));
      assert.match(jobId, /^[0-9a-f]{32}$/);
      const job = JSON.parse(run(commands[1].replace("<job_id>", jobId)));
      assert.equal(job.job_id, jobId);
      assert.equal(job.job_type, "createDisasterRecoveryDrill");
    } finally {
      simulator.stop();
    }
  });
});
