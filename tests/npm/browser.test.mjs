// The packed package in a page built by a real bundler (vite), in headless Chromium, against
// the simulator: the logic entry, the widget mounted into a host element, and the custom
// element in its shadow root.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newPage, PROJECT, screenshots, startSimulator, TOKEN } from "../e2e/harness.mjs";

let simulator;
let browser;

before(async () => {
  simulator = await startSimulator([], { dist: resolve(import.meta.dirname, "vite-app/dist") });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  simulator?.stop();
});

test("a vite page uses the logic, the mounted widget and the custom element", async () => {
  const watched = await simulator.createJob({ scenario: "failover", speed: 20 });
  const failed = await simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
  const page = await newPage(browser);
  const query = new URLSearchParams({ project: PROJECT, job: watched, "element-job": failed, "token-for-test-only": TOKEN });
  const response = await page.goto(`${simulator.base}/?${query}`);
  // The host page is served with the simulator's strict Content-Security-Policy: the widget
  // must work without 'unsafe-inline' or 'unsafe-eval' (any refusal is a page problem).
  const policy = (await response.allHeaders())["content-security-policy"] ?? "";
  assert.match(policy, /style-src 'self';/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  await page.waitForSelector('body[data-ready="yes"]');

  // The logic entry in the browser.
  const total = await page.evaluate(() => {
    const job = window.logic.parseJob('{"job_id":"a","status":"RUNNING","entities":{"sub_jobs":[{"job_id":"b","status":"SUCCESS"}]}}');
    return [window.logic.summarize(job).total, window.logic.layoutTimeline(job).rowCount];
  });
  assert.deepEqual(total, [2, 2]);
  // watchJob in the browser, with the page's fetch.
  const watchedStatus = await page.evaluate(
    async ({ project, job, token }) => (await window.logic.watchJob({ endpoint: "", projectId: project, jobId: job, token, policy: { minDelayMs: 50, maxDelayMs: 200 } })).status,
    { project: PROJECT, job: failed, token: TOKEN },
  );
  assert.equal(watchedStatus, "FAIL");
  // And in a web worker.
  const fromWorker = await page.evaluate(() =>
    window.inWorker('{"job_id":"w","status":"FAIL","error_code":"SDRS.0405","entities":{"sub_jobs":[{"job_id":"x","status":"FAIL"}]}}'),
  );
  assert.deepEqual(fromWorker, { jobId: "w", total: 2, failures: 2 });

  // The mounted widget watches its job to the end.
  await page.waitForSelector(`#mounted .sdrs-header[data-job-id="${watched}"][data-status="SUCCESS"]`, { timeout: 30_000 });
  assert.equal(await page.locator("#mounted .sdrs-row").count(), 17);

  // The custom element: shadow root, Chinese, dark, the failure at the top; no token attribute.
  const element = page.locator("sdrs-job-timeline");
  await element.locator('.sdrs-header[data-status="FAIL"]').waitFor();
  assert.match(await element.locator(".sdrs-failure").textContent(), /SDRS\.1308/);
  assert.equal(await element.locator(".sdrs-job-label").textContent(), "保护组故障切换");
  assert.equal(await element.locator(".sdrs-job-timeline").getAttribute("data-theme"), "dark");
  assert.equal(await element.getAttribute("token"), null);
  assert.equal(await page.evaluate(() => document.querySelector("sdrs-job-timeline").shadowRoot !== null), true);
  await page.screenshot({ path: `${screenshots}/npm-vite-host.png`, fullPage: true });

  // update() shows a job the host has; setOptions() switches back to watching; destroy() unmounts.
  await page.evaluate(() => window.mounted.update(window.parseForWidget('{"job_id":"host-job","status":"SUCCESS"}')));
  await page.waitForSelector('#mounted .sdrs-header[data-job-id="host-job"]');
  await page.evaluate((job) => window.mounted.setOptions({ endpoint: "", projectId: "0605767c3a00d4a52f4cc00a4d2b5e7a", jobId: job, token: "sim-demo-token" }), failed);
  await page.waitForSelector(`#mounted .sdrs-header[data-job-id="${failed}"]`);
  await page.evaluate(() => window.mounted.destroy());
  assert.equal(await page.locator("#mounted *").count(), 0, "destroy removes the widget");

  // Hostile host CSS does not reach into the custom element's shadow root, and ours does
  // not leak out: the host's own button keeps the host's style.
  const rowHeight = await element.locator(".sdrs-row").first().evaluate((row) => row.getBoundingClientRect().height);
  assert.equal(rowHeight, 26, "the host's [role=row] rule does not apply inside");
  assert.equal(await page.locator("#host-button").evaluate((button) => getComputedStyle(button).backgroundColor), "rgb(255, 255, 0)");

  // Removing the custom element destroys its widget too.
  await page.evaluate(() => document.querySelector("sdrs-job-timeline").remove());
  assert.deepEqual(page.problems, []);
});
