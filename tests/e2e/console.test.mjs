// The console page end to end: real release build, real simulator, headless Chromium.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { httpErrors, newPage, PROJECT, screenshots, setUpConsole, TOKEN, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

const open = (path) => consolePage.open(path);

describe("a live job", () => {
  test("unfolds from RUNNING to SUCCESS with bars growing, and the token stays out of the URL", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 4, elapsed_ms: 3000 });
    const page = await open();
    await watchJob(page, { job });
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"]`);
    assert.equal(await page.getAttribute(".sdrs-header", "data-status"), "RUNNING");
    await page.waitForSelector(".sdrs-live.is-waiting");
    assert.match(await page.textContent(".sdrs-live"), /next refresh in \d+ s/);
    // Running bars reach the "now" line, which advances in real time: a running sub-job's
    // right edge sits on the now line at two moments, while the duration grows.
    const liveEdges = () =>
      page.evaluate(() => {
        const now = document.querySelector(".sdrs-now-line")?.getBoundingClientRect();
        const bar = document.querySelector('.sdrs-row[data-depth="1"] .sdrs-bar.is-live')?.getBoundingClientRect();
        const duration = document.querySelector('[data-role="duration"]')?.textContent;
        return now && bar ? { gap: Math.abs(bar.right - now.left), duration } : null;
      });
    const first = await liveEdges();
    assert.ok(first && first.gap <= 3, `a running bar ends at the now line: ${JSON.stringify(first)}`);
    await page.waitForFunction(
      (before) => document.querySelector('[data-role="duration"]')?.textContent !== before,
      first.duration,
      { timeout: 10_000 },
    );
    const second = await liveEdges();
    if (second) assert.ok(second.gap <= 3, `still at the now line: ${JSON.stringify(second)}`);
    await page.screenshot({ path: `${screenshots}/live-running.png`, fullPage: true });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]', { timeout: 60_000 });
    await page.waitForSelector(".sdrs-live.is-stopped");
    assert.match(await page.textContent(".sdrs-live"), /the job succeeded/);
    const rows = await page.locator(".sdrs-row").count();
    assert.equal(rows, 17, "root, 4 instances, 12 steps");
    assert.equal(await page.locator('.sdrs-row[data-status="SUCCESS"]').count(), 17);
    const url = page.url();
    assert.ok(url.includes(`job=${job}`) && url.includes(`project=${PROJECT}`), url);
    assert.ok(!url.includes(TOKEN), "the token is never in the URL");
    await page.screenshot({ path: `${screenshots}/live-succeeded.png`, fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  test("a link reopens the same job at once", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 60_000 });
    const page = await newPage(consolePage.browser);
    // With the token kept for this tab, a link needs nothing typed.
    await page.goto(`${consolePage.simulator.base}/`);
    await page.fill('input[name="token"]', TOKEN);
    await page.check('input[name="remember"]');
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    await page.goto(`${consolePage.simulator.base}/?project=${PROJECT}&job=${job}`);
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="SUCCESS"]`);
    assert.equal(await page.inputValue('input[name="job"]'), job);
  });
});

describe("a failed job", () => {
  test("shows the failure and its meaning at the top and on the collapsed parent", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const page = await open();
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
    const failure = await page.textContent(".sdrs-failure");
    assert.match(failure, /SDRS\.1030/);
    assert.match(failure, /Failed to perform the failover/);
    assert.match(failure, /SDRS\.1308/, "the sub-job where it started");
    assert.match(failure, /Failed to stop the server/, "with the catalogue meaning");
    assert.match(await page.textContent(".sdrs-live"), /the job failed/);
    await page.click('button[data-action="collapse-all"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 5);
    const markers = page.locator('.sdrs-row [data-role="hidden-failure"]');
    assert.equal(await markers.count(), 1, "only the failed instance hides a failure");
    const marked = page.locator(".sdrs-row", { has: page.locator('[data-role="hidden-failure"]') });
    assert.equal(await marked.getAttribute("data-status"), "FAIL");
    await page.screenshot({ path: `${screenshots}/failed-collapsed.png`, fullPage: true });
    await page.click('button[data-action="show-failure"]');
    await page.waitForSelector(".sdrs-detail");
    assert.match(await page.textContent(".sdrs-detail"), /SDRS\.1308/);
    assert.ok(page.url().includes("select="), "the selection is in the URL");
    await page.screenshot({ path: `${screenshots}/failed-detail.png`, fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  test("expand and collapse", async () => {
    const page = await open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    assert.equal(await page.locator(".sdrs-row").count(), 10);
    await page.click('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1003"] button[data-action="toggle"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 8);
    assert.equal(await page.getAttribute('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1003"]', "aria-expanded"), "false");
    await page.click('button[data-action="collapse-all"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 4);
    await page.click('button[data-action="expand-level"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 10);
    await page.click('button[data-action="collapse-all"]');
    await page.click('button[data-action="expand-all"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 10);
  });
});

describe("errors say what went wrong", () => {
  const cases = [
    { name: "401", job: "0000000062db92d70162db9d200f000a", token: "wrong-token", expect: /Not authenticated \(401\)/, code: "APIGW.0301" },
    { name: "403", project: "ffffffffffffffffffffffffffffffff", job: "0000000062db92d70162db9d200f000a", expect: /Forbidden \(403\)/, code: "SDRS.0004" },
    { name: "404", job: "ffffffffffffffffffffffffffffffff", expect: /Job not found/, code: "SDRS.0408" },
    { name: "400", job: "not-a-job", expect: /refused/, code: "SDRS.0201" },
  ];
  for (const { name, expect, code, ...target } of cases) {
    test(`HTTP ${name}`, async () => {
      const page = await open();
      page.expectProblems(...httpErrors(name));
      await watchJob(page, target);
      await page.waitForSelector(".sdrs-error");
      assert.match(await page.textContent(".sdrs-error"), expect);
      assert.equal(await page.getAttribute(".sdrs-error", "data-error-code"), code);
      await page.waitForSelector(".sdrs-live.is-stopped");
      assert.match(await page.textContent(".sdrs-live"), /refused/);
      assert.ok(!(await page.textContent("body")).includes("wrong-token"), "no token in messages");
      if (name === "401") await page.screenshot({ path: `${screenshots}/error-401.png` });
    });
  }

  test("500 is retried, then the job shows", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "drill-fail", elapsed_ms: 600_000, faults: ["status=500"] });
    const page = await open();
    page.expectProblems(...httpErrors(500));
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-error[data-http-status="500"]');
    assert.match(await page.textContent(".sdrs-error"), /Retrying/);
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]', { timeout: 20_000 });
    assert.equal(await page.locator(".sdrs-error").count(), 0, "the error is gone once data arrives");
  });

  test("a malformed body is a clear, retried error", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 60_000, faults: ["malformed"] });
    const page = await open();
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-error[data-error-code="INVALID_BODY"]');
    assert.match(await page.textContent(".sdrs-error"), /malformed job.*line \d+, column \d+/s);
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]', { timeout: 20_000 });
  });

  test("a server that is down", async () => {
    const page = await open();
    page.expectProblems(/^request failed: GET http:\/\/127\.0\.0\.1:9\//, /^console error: Failed to load resource: net::ERR_/);
    await watchJob(page, { job: "0000000062db92d70162db9d200f000a", endpoint: "http://127.0.0.1:9" });
    await page.waitForSelector('.sdrs-error[data-error-code="NETWORK"]');
    assert.match(await page.textContent(".sdrs-error"), /Cannot reach the server/);
  });
});

describe("without a backend", () => {
  test("a sample renders", async () => {
    const page = await open("/?sample=api-stop-protection-group");
    await page.waitForSelector('.sdrs-header[data-job-id="ff8080826b45d4a5016b5036242c0025"]');
    assert.equal(await page.locator(".sdrs-row").count(), 3);
    assert.equal(await page.locator(".sdrs-live").count(), 0, "a sample is not polled");
  });

  test("a pasted job renders, and a broken one says where and keeps the text", async () => {
    const page = await open();
    const broken = '{"job_id": "pasted", "status": "RUNNING",\n "entities": {"sub_jobs": [ {"job_id": 7} ]}}';
    await page.fill('textarea[name="paste"]', broken);
    await page.click('button[data-action="show-pasted"]');
    await page.waitForSelector('[data-role="paste-error"]');
    assert.match(await page.textContent('[data-role="paste-error"]'), /entities\.sub_jobs\[0\]\.job_id.*line 2/);
    assert.equal(await page.inputValue('textarea[name="paste"]'), broken, "nothing typed is lost");
    await page.fill('textarea[name="paste"]', broken.replace('"job_id": 7', '"job_id": "child", "status": "SUCCESS"'));
    await page.click('button[data-action="show-pasted"]');
    await page.waitForSelector('.sdrs-header[data-job-id="pasted"]');
    assert.equal(await page.locator(".sdrs-row").count(), 2);
  });

  test("HTML in a fail_reason is text and runs nothing", async () => {
    const page = await open("/?sample=html-in-reason");
    await page.waitForSelector(".sdrs-failure");
    assert.match(await page.textContent(".sdrs-failure"), /<img src=x onerror="alert\('xss'\)">/);
    assert.equal(await page.locator(".sdrs-job-timeline img, .sdrs-job-timeline script").count(), 0);
    await page.click('.sdrs-row[data-job-id="escape-a"]');
    await page.waitForSelector('.sdrs-detail[data-job-id="escape-a"]');
    assert.match(await page.textContent(".sdrs-detail"), /<\/div><b>bold\?<\/b>/);
    assert.equal(await page.locator(".sdrs-detail b").count(), 0);
    assert.deepEqual(page.problems, [], "no dialog, no error");
  });

  test("a 10,101-job sample keeps the DOM small", async () => {
    const page = await open("/?sample=large-10k");
    await page.waitForSelector('.sdrs-grid[data-row-count="10101"]');
    const rendered = await page.locator(".sdrs-row").count();
    assert.ok(rendered > 10 && rendered < 120, `${rendered} rows in the DOM`);
    await page.locator(".sdrs-scroller").evaluate((scroller) => (scroller.scrollTop = 26 * 5000));
    await page.waitForSelector('.sdrs-row[aria-rowindex="5001"]');
    await page.screenshot({ path: `${screenshots}/large-scrolled.png` });
  });
});
