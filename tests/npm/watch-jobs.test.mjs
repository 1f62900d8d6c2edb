// watchJobs in Node against the real simulator (issue 12, item 2): every job to its end in
// the order given, each job's updates told with its id, a missing job a result of its own,
// and the civility counted on the server: the in-flight limit (setMaxInFlight) and one 429
// slowing every watch of that host.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { maxInFlight, setMaxInFlight, watchJobs } from "sdrs-job-timeline";
import { PROJECT, startSimulator, TOKEN } from "../e2e/harness.mjs";

describe("watchJobs against the simulator", () => {
  let simulator;
  before(async () => {
    simulator = await startSimulator([], { dist: null });
  });
  after(() => simulator?.stop());
  const policy = { minDelayMs: 50, maxDelayMs: 200, maxWaitMs: 120_000 };
  const stats = async (reset = false) =>
    (await fetch(`${simulator.base}/sim/stats${reset ? "/reset" : ""}`, { method: reset ? "POST" : "GET" })).json();

  test("every job to its end, in the order given, never more than the limit in flight", async () => {
    const scenarios = ["failover", "failover-fail", "drill-fail", "create-protection-group"];
    const jobIds = [];
    for (let index = 0; index < 12; index += 1) {
      jobIds.push(await simulator.createJob({ scenario: scenarios[index % 4], speed: 20, faults: Array(20).fill("latency=150") }));
    }
    await stats(true);
    assert.equal(maxInFlight(), 4, "the default");
    const updates = new Map();
    // The npm README's example, as written there.
    const results = await watchJobs({
      endpoint: simulator.base, projectId: PROJECT, jobIds, token: TOKEN,
      policy: { minDelayMs: 50, maxDelayMs: 200 },
      onUpdate: (jobId, job, summary) => updates.set(jobId, [job.status, summary.progress]),
    });
    const ended = results.map(({ jobId, job, error }) => [jobId, job?.status, error]);
    assert.deepEqual(ended.map(([jobId]) => jobId), jobIds, "in the order given");
    assert.deepEqual(ended.map(([, status]) => status), jobIds.map((_, index) => ["SUCCESS", "FAIL", "FAIL", "SUCCESS"][index % 4]));
    assert.ok(ended.every(([, , error]) => error === null));
    assert.equal(updates.size, 12);
    assert.deepEqual(updates.get(jobIds[0]), ["SUCCESS", 1]);
    const counted = await stats();
    assert.equal(counted.most_in_flight, 4, `the limit, reached and never passed: ${counted.most_in_flight}`);

    setMaxInFlight(2);
    try {
      assert.equal(maxInFlight(), 2);
      await stats(true);
      const more = [];
      for (let index = 0; index < 6; index += 1) more.push(await simulator.createJob({ scenario: "create-protection-group", speed: 20, faults: Array(20).fill("latency=150") }));
      await watchJobs({ endpoint: simulator.base, projectId: PROJECT, jobIds: more, token: TOKEN, policy });
      assert.equal((await stats()).most_in_flight, 2);
    } finally {
      setMaxInFlight(4);
    }
  });

  test("a job that is not there is a result of its own; bad ids are refused before any request", async () => {
    const present = await simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 600_000 });
    const missing = "0123456789abcdef0123456789abcdef";
    const results = await watchJobs({ endpoint: simulator.base, projectId: PROJECT, jobIds: [present, missing], token: TOKEN, policy });
    assert.equal(results[0].job.status, "SUCCESS");
    assert.equal(results[1].job, null);
    assert.equal(results[1].error.httpStatus, 404);
    assert.ok(results[1].error instanceof Error);
    await assert.rejects(
      watchJobs({ endpoint: simulator.base, projectId: PROJECT, jobIds: [present, "no/such id"], token: TOKEN }),
      (error) => error.code === "TYPE" && /id 2/.test(error.message),
    );
  });

  test("one 429 slows every watch of that host; abort stops them all", async () => {
    const throttled = await simulator.createJob({ scenario: "failover", speed: 0.01, faults: ["throttle=2"] });
    const others = [];
    for (let index = 0; index < 4; index += 1) others.push(await simulator.createJob({ scenario: "failover", speed: 0.01 }));
    await stats(true);
    const controller = new AbortController();
    const watching = watchJobs({
      endpoint: simulator.base, projectId: PROJECT, jobIds: [throttled, ...others], token: TOKEN,
      policy: { minDelayMs: 100, maxDelayMs: 100 }, signal: controller.signal,
    });
    await new Promise((done) => setTimeout(done, 3500));
    controller.abort();
    await assert.rejects(watching, (error) => error.name === "AbortError");
    const { answers } = await stats();
    const slowDown = answers.find((answer) => answer.status === 429);
    assert.ok(slowDown, JSON.stringify(answers));
    // Without the shared pace each watch would ask every 100 ms.
    const during = answers.filter((answer) => answer.at_ms > slowDown.at_ms + 300 && answer.at_ms < slowDown.at_ms + 1900);
    assert.deepEqual(during, [], JSON.stringify(answers));
    assert.ok(answers.filter((answer) => answer.at_ms >= slowDown.at_ms + 1900).length >= 5, "then every watch asked again");
    const settled = (await stats()).job_requests;
    await new Promise((done) => setTimeout(done, 500));
    assert.equal((await stats()).job_requests, settled, "nothing asked after the abort");
  });
});
