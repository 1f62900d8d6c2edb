// The Task Center from the npm package, in Node, against the real simulator: every filter
// and paging over more than a page, the deletes, a console's own transport (cookie-less
// CSRF header through its fetch), and bad options and answers said clearly.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { deleteFailureJob, listFailureJobs } from "sdrs-job-timeline";
import { PROJECT, startSimulator, TOKEN } from "../e2e/harness.mjs";

let simulator;
const GROUP = "sg-busy-0001";

before(async () => {
  simulator = await startSimulator([], { dist: null });
  await simulator.addFailures({ seed: true });
  await simulator.addFailures({ count: 1_200, server_group_id: GROUP });
});
after(() => simulator?.stop());

const where = () => ({ endpoint: simulator.base, projectId: PROJECT, token: TOKEN });

describe("listFailureJobs", () => {
  test("group-level failures by default, a group's with serverGroupId, every filter", async () => {
    const groups = await listFailureJobs(where());
    assert.equal(groups.count, 6);
    assert.ok(groups.failureJobs.every((job) => job.resourceKind === "serverGroup" && job.jobStatus === "FAIL"));
    assert.ok(groups.failureJobs.every((job) => typeof job.beginMs === "number"));
    const failovers = await listFailureJobs({ ...where(), failureStatus: "failoverFail" });
    assert.deepEqual(failovers.failureJobs.map((job) => job.failureStatus), ["failoverFail"]);
    const named = await listFailureJobs({ ...where(), resourceName: "pg-orders-02" });
    assert.equal(named.count, 1);
    const drills = await listFailureJobs({ ...where(), serverGroupId: GROUP, resourceType: "disaster_recovery_drills" });
    assert.equal(drills.count, 300);
    assert.ok(drills.failureJobs.every((job) => job.resourceKind === "disasterRecoveryDrill"));
  });

  test("pages through 1,200 entries, 1000 at most at a time", async () => {
    const first = await listFailureJobs({ ...where(), serverGroupId: GROUP });
    assert.equal(first.count, 1_200);
    assert.equal(first.failureJobs.length, 1_000, "the service's largest page");
    const seen = new Set(first.failureJobs.map((job) => job.jobId));
    for (let offset = 1_000; offset < 1_200; offset += 50) {
      const page = await listFailureJobs({ ...where(), serverGroupId: GROUP, limit: 50, offset });
      assert.equal(page.failureJobs.length, 50);
      for (const job of page.failureJobs) seen.add(job.jobId);
    }
    assert.equal(seen.size, 1_200, "every entry once");
  });

  test("through a console's own fetch: its header goes out, no token", async () => {
    const sent = [];
    const consoleFetch = (url, init) => {
      sent.push({ url, method: init.method, headers: init.headers, redirect: init.redirect });
      return fetch(url, { ...init, headers: { ...init.headers, "X-Auth-Token": TOKEN } });
    };
    const page = await listFailureJobs({ endpoint: simulator.base, projectId: PROJECT, fetch: consoleFetch, headers: { "X-CSRF-Token": "csrf-1" }, limit: 2 });
    assert.equal(page.failureJobs.length, 2);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, "GET");
    assert.equal(sent[0].redirect, "manual");
    assert.equal(sent[0].headers["X-CSRF-Token"], "csrf-1");
    assert.equal(sent[0].headers["X-Auth-Token"], undefined, "no token of ours");
    assert.match(sent[0].url, /\/task-center\/failure-jobs\?limit=2$/);
  });

  test("bad options and bad answers are said clearly", async () => {
    await assert.rejects(listFailureJobs({ ...where(), limit: 5_000 }), (error) => error.code === "BAD_QUERY" && /limit: 0 to 1000, not 5000/.test(error.message));
    await assert.rejects(listFailureJobs({ ...where(), failureStatus: "brokenFail" }), (error) => error.code === "TYPE" && /failureStatus|variant/.test(error.message));
    await assert.rejects(listFailureJobs({ ...where(), serverGroup: GROUP }), (error) => error.code === "TYPE" && /serverGroup/.test(error.message), "a misspelt option is named");
    await assert.rejects(listFailureJobs({ ...where(), token: "wrong" }), (error) => error.httpStatus === 401 && !error.message.includes("wrong"));
    const garbled = () => Promise.resolve(new Response('{"count": "many"}', { status: 200, headers: { "content-type": "application/json" } }));
    await assert.rejects(listFailureJobs({ ...where(), fetch: garbled }), (error) => error.code === "INVALID_BODY" && error.message.includes("$.count"));
    const page = () => Promise.resolve(new Response("<html>sign in</html>", { status: 200, headers: { "content-type": "text/html" } }));
    await assert.rejects(listFailureJobs({ ...where(), fetch: page }), (error) => error.code === "NOT_API");
    const silent = (url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
    await assert.rejects(listFailureJobs({ ...where(), fetch: silent, timeoutMs: 200 }), (error) => error.code === "REQUEST_TIMEOUT");
    const moved = () => Promise.resolve(new Response(null, { status: 302, headers: { location: "https://evil.example/steal" } }));
    await assert.rejects(listFailureJobs({ ...where(), fetch: moved }), (error) => error.code === "REDIRECT" && /https:\/\/evil\.example/.test(error.message) && !error.message.includes("steal"));
    const declaredHuge = () => Promise.resolve(new Response("{}", { status: 200, headers: { "content-length": String(2 ** 40) } }));
    await assert.rejects(listFailureJobs({ ...where(), fetch: declaredHuge }), (error) => error.code === "TOO_LARGE");
    const controller = new AbortController();
    const pending = listFailureJobs({ ...where(), fetch: silent, signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (error) => error.name === "AbortError");
  });
});

describe("deleteFailureJob", () => {
  test("the README's example, as written", async () => {
    await simulator.addFailures({ count: 4 });
    const before = (await listFailureJobs({ ...where(), failureStatus: "failoverFail" })).count;
    const failovers = await listFailureJobs({
      endpoint: simulator.base, projectId: PROJECT, token: TOKEN,
      failureStatus: "failoverFail", limit: 100, offset: 0,
    });
    await deleteFailureJob({ endpoint: simulator.base, projectId: PROJECT, token: TOKEN, failureJobId: failovers.failureJobs[0].jobId });
    assert.equal((await listFailureJobs({ ...where(), failureStatus: "failoverFail" })).count, before - 1);
  });

  test("one entry, a group's, every group-level one; each said done by the service", async () => {
    const sent = [];
    const recording = (url, init) => {
      sent.push([init.method, new URL(url).pathname]);
      return fetch(url, init);
    };
    const groups = await listFailureJobs(where());
    const first = groups.failureJobs[0];
    assert.equal(await deleteFailureJob({ ...where(), fetch: recording, failureJobId: first.jobId }), undefined);
    assert.equal((await listFailureJobs(where())).count, groups.count - 1);
    await assert.rejects(deleteFailureJob({ ...where(), failureJobId: first.jobId }), (error) => error.httpStatus === 404 && error.notFound !== undefined);
    await deleteFailureJob({ ...where(), fetch: recording, serverGroupId: GROUP });
    assert.equal((await listFailureJobs({ ...where(), serverGroupId: GROUP })).count, 0);
    await deleteFailureJob({ ...where(), fetch: recording, groupLevel: true });
    assert.equal((await listFailureJobs(where())).count, 0);
    assert.deepEqual(sent, [
      ["DELETE", `/v1/${PROJECT}/task-center/failure-jobs/${first.jobId}`],
      ["DELETE", `/v1/${PROJECT}/task-center/${GROUP}/failure-jobs/batch`],
      ["DELETE", `/v1/${PROJECT}/task-center/failure-jobs/batch`],
    ]);
  });

  test("exactly one target, and never `batch` by accident", async () => {
    for (const target of [{}, { failureJobId: "a", groupLevel: true }, { failureJobId: "a", serverGroupId: "g" }]) {
      await assert.rejects(deleteFailureJob({ ...where(), ...target }), (error) => error.code === "TYPE" && /exactly one of/.test(error.message), JSON.stringify(target));
    }
    await assert.rejects(deleteFailureJob({ ...where(), failureJobId: "batch" }), (error) => error.code === "BAD_FAILURE_JOB_ID");
  });
});
