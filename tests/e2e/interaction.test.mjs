// Interacting with the timeline and the watcher: tooltip, critical path, axis modes,
// language, pause and resume, a hidden tab's slower pace, switching jobs mid-request, and where the
// token is (and is not) kept.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { httpErrors, newPage, PROJECT, screenshots as screenshotsDir, setUpConsole, showSources, TOKEN, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

const open = (path) => consolePage.open(path);

describe("the timeline", () => {
  test("hovering a row shows a tooltip with its times and error", async () => {
    const page = await open("/?sample=failover-failed");
    await page.hover('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
    const tooltip = page.locator(".sdrs-tooltip");
    await tooltip.waitFor();
    const text = await tooltip.textContent();
    assert.match(text, /ff8080826b45d4a5016b5036242c1032/);
    assert.match(text, /Took 1m 04s/);
    assert.match(text, /SDRS\.1608/);
  });

  test("the critical path is highlighted on demand", async () => {
    const page = await open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    assert.equal(await page.locator(".sdrs-row.is-critical").count(), 0);
    await page.check('input[data-action="critical-path"]');
    const critical = await page.locator(".sdrs-row.is-critical").evaluateAll((rows) => rows.map((row) => row.dataset.jobId));
    assert.deepEqual(critical, [
      "ff8080826b45d4a5016b5036242c1000",
      "ff8080826b45d4a5016b5036242c1003",
      "ff8080826b45d4a5016b5036242c1031",
      "ff8080826b45d4a5016b5036242c1032",
    ]);
  });

  test("the axis switches between offsets and clock time", async () => {
    const page = await open("/?sample=api-stop-protection-group");
    await page.waitForSelector(".sdrs-tick");
    const relative = await page.locator(".sdrs-tick").allTextContents();
    assert.equal(relative[0], "0");
    assert.ok(relative.slice(1).every((label) => label.startsWith("+")), relative.join(" "));
    await page.click('button[data-action="axis-absolute"]');
    await page.waitForFunction(() => /^\d\d:\d\d:\d\d/.test(document.querySelector(".sdrs-tick")?.textContent ?? ""));
    assert.equal(await page.getAttribute('button[data-action="axis-absolute"]', "aria-pressed"), "true");
  });

  test("labels follow the chosen language", async () => {
    const page = await open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-job-label");
    assert.equal(await page.textContent(".sdrs-job-label"), "Fail over protection group");
    await page.click('button[data-action="switch-language"]');
    await page.waitForFunction(() => document.querySelector(".sdrs-job-label")?.textContent === "保护组故障切换");
    assert.match(await page.textContent(".sdrs-failure"), /sub-Job执行失败/);
    assert.ok(page.url().includes("lang=zh"));
    await page.screenshot({ path: `${screenshotsDir}/failed-zh.png`, fullPage: true });
  });
});

describe("what the header and rows tell", () => {
  test("data warnings are listed with their codes", async () => {
    const page = await open("/?sample=data-warnings");
    await page.click(".sdrs-warnings summary");
    const codes = await page.locator(".sdrs-warnings li").evaluateAll((items) => items.map((item) => item.dataset.warningCode));
    for (const code of ["END_BEFORE_BEGIN", "TERMINAL_WITHOUT_END", "CHILD_OUTSIDE_PARENT", "DUPLICATE_JOB_ID", "UNKNOWN_STATUS"]) {
      assert.ok(codes.includes(code), `${code} in ${codes}`);
    }
  });

  test("jobs that have not started are marked, not drawn", async () => {
    const page = await open("/?sample=running");
    const row = page.locator('.sdrs-row[data-status="INIT"]');
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /not started/);
    assert.equal(await row.locator(".sdrs-bar").count(), 0);
    assert.match(await page.textContent(".sdrs-header"), /Began/);
  });

  test("a job file dropped on the page is shown", async () => {
    const page = await open();
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      const job = { job_id: "dropped", status: "SUCCESS", begin_time: "2019-06-13T09:40:00Z", end_time: "2019-06-13T09:40:05Z" };
      data.items.add(new File([JSON.stringify(job)], "job.json", { type: "application/json" }));
      return data;
    });
    await page.dispatchEvent(".sdrs-drop", "drop", { dataTransfer: transfer });
    await page.waitForSelector('.sdrs-header[data-job-id="dropped"][data-status="SUCCESS"]');
  });
});

describe("copying", () => {
  test("the job id, a sub-job's link and its JSON go to the clipboard", async () => {
    const context = await consolePage.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: consolePage.simulator.base });
    const page = await context.newPage();
    await page.goto(`${consolePage.simulator.base}/?sample=failover-failed`);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.click('button[data-action="copy-job-id"]');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) === "ff8080826b45d4a5016b5036242c1000");
    await page.click('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
    await page.click('button[data-action="copy-link"]');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes("select="));
    const link = await clipboard();
    assert.ok(link.includes("sample=failover-failed") && link.includes("select=ff8080826b45d4a5016b5036242c1032"), link);
    await page.click('button[data-action="copy-json"]');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('"error_code": "SDRS.1608"'));
    // The copied link opens the page with that sub-job selected.
    await page.goto(link);
    await page.waitForSelector('.sdrs-detail[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
    await context.close();
  });
});

describe("the watcher", () => {
  test("an error after good data keeps the data and says it is retrying", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 0.05, elapsed_ms: 3000, faults: ["", "status=503", "status=503"] });
    const page = await open();
    page.expectProblems(...httpErrors(503));
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="RUNNING"]');
    await page.waitForSelector('.sdrs-error[data-http-status="503"]', { timeout: 15_000 });
    const banner = await page.textContent(".sdrs-error");
    assert.match(banner, /Retrying with back-off/);
    assert.match(banner, /Showing the last good data from/);
    assert.equal(await page.locator(".sdrs-row").count(), 17, "the last good job is still shown");
    await page.screenshot({ path: `${screenshotsDir}/retrying-with-data.png`, fullPage: true });
    await page.waitForSelector(".sdrs-error", { state: "detached", timeout: 30_000 });
  });

  test("pause stops the countdown and resume asks at once", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "large", speed: 0.01 });
    const page = await open();
    await watchJob(page, { job });
    await page.waitForSelector(".sdrs-live.is-waiting");
    await page.click(".sdrs-live button");
    await page.waitForSelector(".sdrs-live.is-paused");
    const requests = await page.textContent(".sdrs-live-attempts");
    await page.waitForTimeout(2500);
    assert.equal(await page.textContent(".sdrs-live-attempts"), requests, "no request while paused");
    await page.click(".sdrs-live button");
    await page.waitForFunction((before) => document.querySelector(".sdrs-live-attempts")?.textContent !== before, requests);
  });

  test("a hidden tab polls at the longest delay, and asks at once when shown again", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 0.01 });
    const page = await open();
    await watchJob(page, { job });
    await page.waitForSelector(".sdrs-live.is-waiting");
    const setVisibility = (state) => page.evaluate((state) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
    await setVisibility("hidden");
    // Still waiting (a job ending now must be seen), but the next ask is the policy's
    // longest delay away (30 s), not the 2-4 s of a watched page.
    await page.waitForFunction(() => {
      const text = document.querySelector(".sdrs-live.is-waiting .sdrs-live-text")?.textContent ?? "";
      const seconds = Number(/(\d+)/.exec(text)?.[1]);
      return seconds > 20;
    });
    assert.equal(await page.locator(".sdrs-live.is-paused").count(), 0, "a hidden tab is not paused");
    const requests = await page.textContent(".sdrs-live-attempts");
    await setVisibility("visible");
    await page.waitForFunction((before) => document.querySelector(".sdrs-live-attempts")?.textContent !== before, requests, { timeout: 5000 });
  });

  test("switching jobs abandons the slow request of the first", async () => {
    const slow = await consolePage.simulator.createJob({ scenario: "drill-fail", elapsed_ms: 600_000, faults: ["latency=4000"] });
    const fast = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 60_000 });
    const page = await open();
    const aborted = [];
    page.on("requestfailed", (request) => aborted.push(request.url()));
    await watchJob(page, { job: slow });
    await page.waitForSelector(".sdrs-live.is-fetching");
    await watchJob(page, { job: fast });
    await page.waitForSelector(`.sdrs-header[data-job-id="${fast}"][data-status="SUCCESS"]`);
    await page.waitForTimeout(4500);
    assert.equal(await page.getAttribute(".sdrs-header", "data-job-id"), fast, "the slow answer never replaces the new job");
    assert.ok(aborted.some((url) => url.includes(slow)), `the first request was aborted: ${aborted}`);
  });

  test("the token stays in sessionStorage only when asked, never in the URL", async () => {
    const page = await open();
    await watchJob(page, { job: "0000000062db92d70162db9d200f000a" });
    await page.waitForSelector(".sdrs-header");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("sdrs-console.token")), null);
    await showSources(page);
    await page.check('input[name="remember"]');
    await watchJob(page, { job: "ff8080826b45d4a5016b5036242c0025" });
    await page.waitForSelector('.sdrs-header[data-job-id="ff8080826b45d4a5016b5036242c0025"]');
    assert.equal(await page.evaluate(() => sessionStorage.getItem("sdrs-console.token")), TOKEN);
    assert.ok(!(await page.evaluate(() => Object.values(localStorage).join(" "))).includes(TOKEN), "never the token in localStorage");
    assert.ok(!page.url().includes(TOKEN));
    assert.ok(page.url().includes(`project=${PROJECT}`));
  });
});
