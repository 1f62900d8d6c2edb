// watchJob (the packed package, in Node) against a hostile server: every case ends with
// its own catchable error code, after the requests it should take and no more, without
// the process dying, without reading past a cap, and without the token ever reaching a
// second origin or an error message. All in one process: surviving each case is the test.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { watchJob } from "sdrs-job-timeline";
import { startHostile } from "../hostile/server.mjs";

const SECRET = "MIIsecret-token-value-0123456789";

/** Resolves once `ready()` holds (checked every 20 ms, at most 10 s). */
async function until(ready) {
  for (let tries = 0; tries < 500 && !ready(); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(ready(), "the server never finished its answer");
}
const MIB = 1024 * 1024;

describe("watchJob against a hostile server", () => {
  let hostile;
  before(async () => {
    hostile = await startHostile();
  });
  after(() => hostile?.stop());

  /** Watches `jobId`; resolves with the rejection (it must reject) and the time taken. */
  async function failure(jobId, { policy = {}, token = SECRET, ...rest } = {}) {
    const started = Date.now();
    const error = await watchJob({
      endpoint: hostile.base, projectId: "p", jobId, token,
      policy: { minDelayMs: 50, maxDelayMs: 100, maxWaitMs: 10_000, requestTimeoutMs: 2_000, ...policy },
      ...rest,
    }).then(
      () => assert.fail(`${jobId}: resolved, but it should have failed`),
      (error) => error,
    );
    assert.ok(error instanceof Error, `${jobId}: rejects with an Error`);
    assert.ok(!error.message.includes(SECRET), `${jobId}: the token is not in the message`);
    assert.ok(!(error.lastError?.message ?? "").includes(SECRET), `${jobId}: nor in the last error's`);
    assert.ok(!JSON.stringify(error).includes(SECRET), `${jobId}: nor in any field`);
    return { error, elapsed: Date.now() - started };
  }

  test("millions of empty sub-jobs: TOO_MANY_JOBS, one request, memory bounded", async () => {
    const { error } = await failure("many-empty");
    assert.equal(error.code, "TOO_MANY_JOBS");
    assert.equal(error.retryable, false);
    assert.equal(hostile.counts["many-empty"], 1);
    assert.ok(process.memoryUsage().rss < 1024 * MIB, `rss ${process.memoryUsage().rss}`);
  });

  test("an endless body: TOO_LARGE at the cap, reading stopped", async () => {
    const { error } = await failure("endless");
    assert.equal(error.code, "TOO_LARGE");
    assert.match(error.message, /limit of 67108864 bytes for a job answer/);
    assert.equal(hostile.counts.endless, 1);
  });

  test("an 86 MiB error body: TOO_LARGE at 64 KiB, not downloaded", async () => {
    const { error } = await failure("huge-error");
    assert.equal(error.code, "TOO_LARGE");
    assert.equal(error.httpStatus, 500);
    assert.equal(hostile.counts["huge-error"], 1);
    // The server stops at back-pressure once the client has gone: far short of 86 MiB.
    await until(() => hostile.sent["huge-error"] !== undefined);
    assert.ok((hostile.sent["huge-error"] ?? 0) < 16 * MIB, `sent ${hostile.sent["huge-error"]}`);
  });

  test("100 MB of garbage, with or without a length: read once, final", async () => {
    for (const name of ["big-invalid", "declared-huge"]) {
      const { error } = await failure(name);
      assert.equal(error.code, "TOO_LARGE", name);
      assert.equal(hostile.counts[name], 1, `${name} was asked once`);
    }
  });

  test("a server that never answers: TIMED_OUT on time, each request timed out", async () => {
    const { error, elapsed } = await failure("silent", { policy: { maxWaitMs: 3_000, requestTimeoutMs: 1_000 } });
    assert.equal(error.code, "TIMED_OUT");
    assert.equal(error.lastError.code, "REQUEST_TIMEOUT");
    assert.equal(error.lastError.retryable, true);
    // Within the budget plus one request's timeout (not forever: it used to hang).
    assert.ok(elapsed < 3_000 + 1_000 + 2_000, `took ${elapsed} ms`);
    assert.ok(hostile.counts.silent >= 2, `asked ${hostile.counts.silent} times`);
  });

  test("a dripping body is cut by the request timeout", async () => {
    const { error } = await failure("drip", { policy: { maxWaitMs: 2_500, requestTimeoutMs: 1_000 } });
    assert.equal(error.code, "TIMED_OUT");
    assert.equal(error.lastError.code, "REQUEST_TIMEOUT");
  });

  test("a redirect to another origin is not followed: the token stays", async () => {
    const { error } = await failure("redirect");
    assert.equal(error.code, "REDIRECT");
    assert.equal(error.httpStatus, 302);
    assert.match(error.message, new RegExp(hostile.collectorBase.replace(/[.]/g, "\\.")));
    assert.deepEqual(hostile.collected(), [], "nothing reached the second origin");
  });

  test("Retry-After: 999999 stops at once; -5 is ignored and polling goes on", async () => {
    const { error, elapsed } = await failure("retry-after-huge");
    assert.equal(error.code, "TIMED_OUT");
    assert.equal(error.lastError.code, "APIGW.0404");
    assert.equal(error.lastError.retryAfterMs, 999_999_000);
    assert.equal(hostile.counts["retry-after-huge"], 1);
    assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
    const job = await watchJob({
      endpoint: hostile.base, projectId: "p", jobId: "retry-after-negative", token: SECRET,
      policy: { minDelayMs: 50, maxDelayMs: 100, maxWaitMs: 10_000 },
    });
    assert.equal(job.status, "SUCCESS");
    assert.equal(hostile.counts["retry-after-negative"], 3);
  });

  test("an HTML page is not the API, and says so", async () => {
    const { error } = await failure("html");
    assert.equal(error.code, "NOT_API");
    assert.equal(error.notFound, false);
    assert.match(error.message, /not from the SDRS API: check the endpoint/);
  });

  test("bad input is refused before anything is sent, and never echoed", async () => {
    const before = hostile.received.length;
    let { error } = await failure("ok", { token: "MIIsecret-token\nvalue-0123456789" });
    assert.equal(error.code, "BAD_TOKEN");
    assert.ok(!error.message.includes("MIIsecret"));
    ({ error } = await failure(".."));
    assert.equal(error.code, "BAD_JOB_ID");
    ({ error } = await failure("ok", { headers: { "X-CSRF-Token": "csrf\r\nInjected: 1" } }));
    assert.equal(error.code, "BAD_HEADER");
    assert.ok(!error.message.includes("Injected"));
    ({ error } = await failure("ok", { endpoint: "https://user:secret-pw@example.invalid" }));
    assert.equal(error.code, "BAD_ENDPOINT");
    assert.ok(!error.message.includes("secret-pw"));
    assert.equal(hostile.received.length, before, "no request was sent");
  });

  test("a host fetch that throws with the token in its text: the token is cut out", async () => {
    const leaky = () => Promise.reject(new Error(`proxy refused header X-Auth-Token: ${SECRET}`));
    const { error } = await failure("ok", { fetch: leaky, policy: { maxWaitMs: 300 } });
    assert.equal(error.code, "TIMED_OUT");
    assert.equal(error.lastError.code, "NETWORK");
    assert.match(error.lastError.message, /\[redacted\]/);
  });

  test("a host fetch that ignores the signal and never settles still times out", async () => {
    const stuck = () => new Promise(() => {});
    const { error, elapsed } = await failure("ok", { fetch: stuck, policy: { maxWaitMs: 1_500, requestTimeoutMs: 500 } });
    assert.equal(error.code, "TIMED_OUT");
    assert.equal(error.lastError.code, "REQUEST_TIMEOUT");
    assert.ok(elapsed < 1_500 + 500 + 2_000, `took ${elapsed} ms`);
  });

  test("a host fetch that follows a redirect itself is caught, and odd answers are final", async () => {
    const following = (url, init) => fetch(url.replace("/jobs/ok", "/jobs/redirect"), { ...init, redirect: "follow" });
    let { error } = await failure("ok", { fetch: following });
    assert.equal(error.code, "REDIRECT");
    ({ error } = await failure("ok", { fetch: async () => ({ not: "a response" }) }));
    assert.equal(error.code, "BAD_TRANSPORT");
    assert.equal(error.retryable, false);
    ({ error } = await failure("ok", { endpoint: "" }));
    assert.equal(error.code, "BAD_ENDPOINT", "Node has no page origin for a relative URL");
  });

  test("a server that echoes the token gets it cut out of the message", async () => {
    const echo = async (url, init) =>
      new Response(JSON.stringify({ error_code: "APIGW.0301", error_msg: `bad token ${init.headers["X-Auth-Token"]}` }), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    const { error } = await failure("ok", { fetch: echo });
    assert.equal(error.code, "APIGW.0301");
    assert.equal(error.message, "HTTP 401 APIGW.0301: bad token [redacted]");
  });

  test("a host fetch gets the documented init: plain headers, no redirects, a signal, credentials", async () => {
    let seen;
    const recording = (url, init) => {
      seen = { url, init };
      return fetch(url, init);
    };
    const job = await watchJob({
      endpoint: hostile.base, projectId: "p", jobId: "ok", fetch: recording,
      headers: { "X-CSRF-Token": "csrf-1" }, credentials: "include",
    });
    assert.equal(job.status, "SUCCESS");
    assert.equal(seen.url, `${hostile.base}/v1/p/jobs/ok`);
    assert.equal(Object.getPrototypeOf(seen.init.headers), Object.prototype, "headers is a plain object");
    assert.deepEqual(seen.init.headers, { Accept: "application/json", "X-CSRF-Token": "csrf-1" });
    assert.deepEqual([seen.init.method, seen.init.redirect, seen.init.credentials], ["GET", "manual", "include"]);
    assert.ok(seen.init.signal instanceof AbortSignal);
    await assert.rejects(
      watchJob({ endpoint: hostile.base, projectId: "p", jobId: "ok", credentials: "always" }),
      (error) => error.code === "TYPE" && /credentials must be/.test(error.message),
    );
  });
});
