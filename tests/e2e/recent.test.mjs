// Recently opened jobs (issue 12, item 4): the console keeps the last 50 jobs it opened in
// localStorage (ids, types, outcome, when; never a token), lists them on the start page
// with their last known status, one click from each timeline, and clears them on request.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PROJECT, screenshots, setUpConsole, showSources, TOKEN, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();
const KEY = "sdrs-console.recent";

const listed = (page) =>
  page.$$eval('[data-role="recent-job"]', (items) => items.map((item) => ({ id: item.dataset.jobId, status: item.dataset.status, text: item.textContent })));

describe("recently opened jobs", () => {
  test("each job watched goes first with its last status; a click reopens it; clear empties it", async () => {
    const page = await consolePage.open("/");
    assert.equal(await page.locator('[data-role="recent"]').count(), 0, "no list before any job");
    const failed = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const done = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 600_000 });
    await watchJob(page, { job: failed });
    await page.waitForSelector(`.sdrs-header[data-job-id="${failed}"][data-status="FAIL"]`);
    await watchJob(page, { job: done });
    await page.waitForSelector(`.sdrs-header[data-job-id="${done}"][data-status="SUCCESS"]`);
    await showSources(page);
    await page.waitForFunction((id) => document.querySelector('[data-role="recent-job"]')?.dataset.status === "SUCCESS" && document.querySelector('[data-role="recent-job"]').dataset.jobId === id, done);
    let jobs = await listed(page);
    assert.deepEqual(jobs.map((job) => [job.id, job.status]), [[done, "SUCCESS"], [failed, "FAIL"]]);
    assert.match(jobs[1].text, /Fail over protection group/, "the job's type, in words");
    assert.match(jobs[1].text, new RegExp(PROJECT));
    // When it was last seen, in local time as the timeline writes times (no Intl call).
    const when = await page.locator('[data-role="recent-job"] .sdrs-recent-when').first().textContent();
    assert.match(when, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const seen = await page.evaluate(() => JSON.parse(localStorage.getItem("sdrs-console.recent"))[0]);
    const local = new Date(Math.max(seen.seen_ms ?? 0, seen.opened_ms) - new Date().getTimezoneOffset() * 60_000).toISOString();
    assert.equal(when, `${local.slice(0, 10)} ${local.slice(11, 19)}`);

    // Kept across a reload, never with the token.
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    assert.ok(!stored.includes(TOKEN), "never the token");
    assert.deepEqual(JSON.parse(stored).map((job) => job.job_id), [done, failed]);
    await page.goto(`${consolePage.simulator.base}/`);
    await page.waitForSelector('[data-role="recent-job"]');
    jobs = await listed(page);
    assert.deepEqual(jobs.map((job) => [job.id, job.status]), [[done, "SUCCESS"], [failed, "FAIL"]]);
    await page.screenshot({ path: `${screenshots}/recent-jobs.png` });

    // One click opens its timeline, which moves it first.
    await page.fill('input[name="token"]', TOKEN);
    await page.locator(`[data-role="recent-job"][data-job-id="${failed}"] [data-action="open-recent"]`).click();
    await page.waitForSelector(`.sdrs-header[data-job-id="${failed}"][data-status="FAIL"]`);
    assert.equal(new URL(page.url()).searchParams.get("job"), failed);
    await showSources(page);
    assert.deepEqual((await listed(page)).map((job) => job.id), [failed, done]);

    // In Chinese too.
    await page.click('button[data-action="switch-language"]');
    assert.match(await page.textContent('[data-role="recent"] h2'), /最近打开/);

    await page.click('button[data-action="clear-recent"]');
    await page.waitForFunction(() => !document.querySelector('[data-role="recent"]'));
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
  });

  test("keeps the last 50, and a garbled store loses nothing else of the page", async () => {
    const page = await consolePage.open("/");
    const many = Array.from({ length: 70 }, (_, index) => ({ job_id: `job-${index}`, project_id: PROJECT, opened_ms: 1_700_000_000_000 + index }));
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify(many)]);
    await page.reload();
    await page.waitForSelector('[data-role="recent-job"]');
    assert.equal((await listed(page)).length, 50);
    const job = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 600_000 });
    await watchJob(page, { job });
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="SUCCESS"]`);
    const kept = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), KEY));
    assert.equal(kept.length, 50);
    assert.equal(kept[0].job_id, job);
    assert.equal(kept.at(-1).job_id, "job-21", "the oldest went");

    // Garbage, markup and oversized entries: dropped one by one, the rest shown as text.
    const garbled = JSON.stringify([{ job_id: "<img src=x onerror=alert(1)>", project_id: PROJECT, opened_ms: 1, status: "<b>FAIL</b>" }, 42, { job_id: "x".repeat(600), project_id: PROJECT, opened_ms: 2 }, { nothing: true }]);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, garbled]);
    await page.goto(`${consolePage.simulator.base}/`);
    await page.waitForSelector('[data-role="recent-job"]');
    const shown = await listed(page);
    assert.equal(shown.length, 1);
    assert.equal(await page.locator('[data-role="recent"] img, [data-role="recent"] b').count(), 0, "never markup");
    assert.match(shown[0].text, /<img src=x/);
    await page.evaluate((key) => localStorage.setItem(key, "{not json"), KEY);
    await page.reload();
    await page.waitForSelector('form.sdrs-job-form');
    assert.equal(await page.locator('[data-role="recent"]').count(), 0);
  });
});
