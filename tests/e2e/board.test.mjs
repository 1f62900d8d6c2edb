// Many jobs at once (issue 12, item 2): a board of 20 live jobs whose statuses update,
// sortable, each job one click from its timeline and back, every job on one axis, the URL
// that reopens it, several ids pasted at once; and polling that stays civil, counted on
// the server: never more than 4 requests in flight, and one 429 slowing every loop.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PROJECT, screenshots, setUpConsole, TOKEN } from "./harness.mjs";

const consolePage = setUpConsole();
const SCENARIOS = ["failover", "failover-fail", "drill-fail", "create-protection-group"];

async function stats(reset = false) {
  const base = consolePage.simulator.base;
  const answer = await fetch(`${base}/sim/stats${reset ? "/reset" : ""}`, { method: reset ? "POST" : "GET" });
  return answer.json();
}

async function createJobs(count, extra = {}) {
  const ids = [];
  for (let index = 0; index < count; index += 1) {
    ids.push(await consolePage.simulator.createJob({ scenario: SCENARIOS[index % SCENARIOS.length], ...extra }));
  }
  return ids;
}

async function watchBoard(page, ids, { keepToken = false } = {}) {
  await page.fill('input[name="project"]', PROJECT);
  await page.fill('input[name="token"]', TOKEN);
  if (keepToken) await page.check('input[name="remember"]');
  await page.fill('input[name="job"]', ids.join(", "));
  await page.click('button[data-action="watch"]');
  await page.waitForSelector('[data-role="board-row"]');
}

const boardIds = (page) => page.$$eval('[data-role="board-row"]', (rows) => rows.map((row) => row.dataset.jobId));
const boardStatuses = (page) => page.$$eval('[data-role="board-row"]', (rows) => rows.map((row) => row.dataset.status));

describe("the board", () => {
  test("20 live jobs: statuses update, never more than 4 requests in flight, finished jobs left alone", async () => {
    // Every answer takes 800 ms, so 20 loops would have 20 in flight without the limit.
    const ids = await createJobs(20, { speed: 2, faults: Array(40).fill("latency=800") });
    await stats(true);
    const page = await consolePage.open("/");
    await watchBoard(page, ids);
    assert.deepEqual(await boardIds(page), ids, "every id, in the order given");
    await page.waitForFunction(() => [...document.querySelectorAll('[data-role="board-row"]')].some((row) => row.dataset.status === "RUNNING"));
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-role="board-row"]')].every((row) => ["SUCCESS", "FAIL"].includes(row.dataset.status)),
      null,
      { timeout: 90_000 },
    );
    const statuses = await boardStatuses(page);
    assert.equal(statuses.filter((status) => status === "FAIL").length, 10, statuses.join());
    assert.match(await page.textContent('[data-role="board-counts"]'), /^20 jobs: 10 failed, 10 succeeded$/);
    const failed = page.locator('[data-role="board-row"][data-status="FAIL"]').first();
    assert.match(await failed.textContent(), /SDRS\.(1308|0406)/, "where it failed, with its code");
    const counted = await stats();
    assert.ok(counted.most_in_flight <= 4, `at most 4 in flight on the server: ${counted.most_in_flight}`);
    assert.equal(counted.most_in_flight, 4, "and the limit is used");
    // Ended jobs are no longer asked about.
    const before = counted.job_requests;
    await page.waitForTimeout(3000);
    assert.equal((await stats()).job_requests, before, "no request once every job ended");
    await page.screenshot({ path: `${screenshots}/board-20-1400.png` });
  });

  test("sorts by its headings; a job opens in full and comes back; one axis holds them all; the URL reopens it", async () => {
    const ids = await createJobs(6, { elapsed_ms: 600_000 });
    const page = await consolePage.open("/");
    // Kept for this tab, so the link below (this origin) watches with it.
    await watchBoard(page, ids, { keepToken: true });
    await page.waitForFunction((count) => document.querySelectorAll('[data-role="board-row"][data-status]:not([data-status=""])').length === count, ids.length);
    await page.click('button[data-sort="status"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="status"])', "aria-sort"), "ascending");
    let statuses = await boardStatuses(page);
    assert.deepEqual(statuses, [...statuses].sort((a, b) => (a === "FAIL" ? 0 : 1) - (b === "FAIL" ? 0 : 1)), "failed first");
    assert.equal(statuses[0], "FAIL");
    await page.click('button[data-sort="status"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="status"])', "aria-sort"), "descending");
    statuses = await boardStatuses(page);
    assert.equal(statuses.at(-1), "FAIL");
    await page.click('button[data-sort="status"]');
    assert.deepEqual(await boardIds(page), ids, "a third click: the order given");

    // One click to a job's timeline, and back.
    const chosen = ids[1];
    await page.click(`[data-role="board-row"][data-job-id="${chosen}"] [data-action="board-open"]`);
    await page.waitForSelector(`.sdrs-header[data-job-id="${chosen}"][data-status="FAIL"]`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("job"), chosen);
    assert.equal(url.searchParams.get("jobs"), ids.join(","));
    await page.click('button[data-action="board-back"]');
    await page.waitForSelector('[data-role="board-row"]');
    assert.equal(new URL(page.url()).searchParams.get("job"), null);

    // Every job on one axis: one row each under one root.
    await page.click('button[data-action="one-axis-view"]');
    await page.waitForSelector('[data-role="one-axis"] .sdrs-row');
    const rows = await page.$$eval('[data-role="one-axis"] .sdrs-row', (rows) => rows.map((row) => row.getAttribute("aria-level")));
    assert.equal(rows.filter((level) => level === "2").length, ids.length, rows.join());
    assert.match(await page.textContent('[data-role="one-axis"] .sdrs-title'), /Jobs watched together/);

    // The link reopens the board, in Chinese too.
    await page.goto(`${consolePage.simulator.base}/?project=${PROJECT}&jobs=${ids.join(",")}&lang=zh`);
    await page.waitForSelector('[data-role="board-row"]');
    assert.deepEqual(await boardIds(page), ids);
    await page.waitForFunction(() => /^共 6 个任务：/.test(document.querySelector('[data-role="board-counts"]')?.textContent ?? ""));
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: `${screenshots}/board-6-1024-zh.png` });
  });

  test("several ids pasted at once are kept apart; a bad one is named", async () => {
    const page = await consolePage.open("/");
    await page.fill('input[name="project"]', PROJECT);
    await page.focus('input[name="job"]');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text", "ff8080826b45d4a5016b5036242c0025\r\n0000000062db92d70162db9d200f000a\n");
      document.querySelector('input[name="job"]').dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('input[name="job"]').value === "ff8080826b45d4a5016b5036242c0025, 0000000062db92d70162db9d200f000a");
    await page.fill('input[name="job"]', "ff8080826b45d4a5016b5036242c0025, not/an<id>");
    await page.click('button[data-action="watch"]');
    assert.match(await page.textContent(".sdrs-form-error"), /id 2 \("not\/an<id>"\) is not a job id/);
    assert.equal(await page.locator('[data-role="board"]').count(), 0);
    // A link with a bad id says so too, and starts nothing.
    await page.goto(`${consolePage.simulator.base}/?project=${PROJECT}&jobs=${encodeURIComponent("ff8080826b45d4a5016b5036242c0025,<b>x</b>")}`);
    await page.waitForSelector(".sdrs-form-error");
    assert.match(await page.textContent(".sdrs-form-error"), /jobs= in the link .*id 2 \("<b>x<\/b>"\) is not a job id/);
    assert.equal(await page.locator('.sdrs-form-error b, [data-role="board"]').count(), 0, "shown as text; no board");
  });

  test("one 429 slows every loop to that host for its Retry-After", async () => {
    // The first answer to the first job is a 429 asking for 5 s; the others would ask
    // again 2 s after their first answer, but must wait for the host with it.
    const throttled = await consolePage.simulator.createJob({ scenario: "failover", speed: 0.05, faults: ["throttle=5"] });
    const others = await createJobs(5, { speed: 0.05 });
    await stats(true);
    const page = await consolePage.open("/");
    page.expectProblems(/^HTTP 429 GET /, /status of 429/);
    await watchBoard(page, [throttled, ...others]);
    await page.waitForTimeout(8000);
    const { answers } = await stats();
    const slowDown = answers.find((answer) => answer.status === 429);
    assert.ok(slowDown, JSON.stringify(answers));
    const during = answers.filter((answer) => answer.at_ms > slowDown.at_ms + 500 && answer.at_ms < slowDown.at_ms + 4800);
    assert.deepEqual(during, [], `nothing asked while the host asked to wait: ${JSON.stringify(answers)}`);
    const after = answers.filter((answer) => answer.at_ms >= slowDown.at_ms + 4800);
    assert.ok(after.length >= 6, `every loop asked again after: ${JSON.stringify(answers)}`);
  });
});
