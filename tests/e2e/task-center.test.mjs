// The Task Center panel in the console (issue 12): filters as in the API, paging through
// 1,200 entries, each entry's job one click from its timeline, deletes asked for in the
// page, errors said clearly, the URL that reopens it, both languages, a console's sizes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { httpErrors, PROJECT, screenshots, setUpConsole, showSources, TOKEN } from "./harness.mjs";

const consolePage = setUpConsole();

/** The console at `size`, its form filled, the Task Center opened from it. */
async function openTaskCenter({ size = { width: 1400, height: 900 }, token = TOKEN, path = "/" } = {}) {
  const page = await consolePage.open(path);
  await page.setViewportSize(size);
  await showSources(page);
  await page.fill('input[name="project"]', PROJECT);
  await page.fill('input[name="token"]', token);
  await page.click('button[data-action="open-task-center"]');
  await page.waitForSelector('[data-role="task-center"]');
  return page;
}

const range = (page) => page.textContent('[data-role="tc-range"]');
const rowIds = (page) => page.$$eval('[data-role="tc-row"]', (rows) => rows.map((row) => row.dataset.jobId));
async function settle(page, text) {
  await page.waitForFunction((wanted) => document.querySelector('[data-role="tc-range"]')?.textContent === wanted && document.querySelector('[data-role="task-center"]').getAttribute("aria-busy") === "false", text);
}

describe("the Task Center panel", () => {
  test("group-level failures first; the URL reopens it; a group's failures one click away", async () => {
    await consolePage.simulator.addFailures({ seed: true });
    const page = await openTaskCenter();
    await settle(page, "1–6 of 6");
    assert.equal((await rowIds(page)).length, 6);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("view"), "task-center");
    assert.equal(url.searchParams.get("project"), PROJECT);
    assert.equal(url.searchParams.get("token"), null, "never the token in the URL");
    // A group-level entry names its group; its failures inside are one click away.
    await page.locator('[data-role="tc-row"]').first().locator('button[data-action="tc-inside"]').click();
    await settle(page, "1–5 of 5");
    assert.match(await page.textContent('[data-role="tc-scope"]'), /Failures inside protection group /);
    const kinds = await page.$$eval('[data-role="tc-row"]', (rows) => rows.map((row) => row.dataset.resourceKind));
    assert.ok(!kinds.includes("ServerGroup") && kinds.includes("ProtectedInstance"), kinds.join());
    await page.click('button[data-action="tc-back-to-groups"]');
    await settle(page, "1–6 of 6");
    // Filters as in the API.
    await page.selectOption('select[name="failure_status"]', "failoverFail");
    await page.click('button[data-action="tc-apply"]');
    await settle(page, "1–1 of 1");
    assert.match(await page.textContent('[data-role="tc-row"]'), /Failover failed/);
    await page.click('button[data-action="tc-clear"]');
    await settle(page, "1–6 of 6");
    await page.fill('input[name="resource_name"]', "pg-orders-03");
    await page.click('button[data-action="tc-apply"]');
    await settle(page, "1–1 of 1");
  });

  test("pages through 1,200 entries of one group, at every page size", async () => {
    await consolePage.simulator.addFailures({ count: 1_200, server_group_id: "sg-e2e-busy" });
    const page = await openTaskCenter();
    await page.fill('input[name="server_group_id"]', "sg-e2e-busy");
    await page.click('button[data-action="tc-apply"]');
    await settle(page, "1–100 of 1200");
    assert.equal((await rowIds(page)).length, 100);
    assert.equal(await page.textContent('[data-role="tc-page"]'), "Page 1 of 12");
    assert.equal(await page.isDisabled('button[data-action="tc-previous"]'), true);
    const first = await rowIds(page);
    await page.click('button[data-action="tc-next"]');
    await settle(page, "101–200 of 1200");
    const second = await rowIds(page);
    assert.equal(new Set([...first, ...second]).size, 200, "no entry twice");
    await page.click('button[data-action="tc-last"]');
    await settle(page, "1101–1200 of 1200");
    assert.equal(await page.isDisabled('button[data-action="tc-next"]'), true);
    await page.selectOption('select[data-action="tc-page-size"]', "1000");
    await settle(page, "1–1000 of 1200");
    assert.equal((await rowIds(page)).length, 1000, "the service's largest page");
    await page.click('button[data-action="tc-next"]');
    await settle(page, "1001–1200 of 1200");
    assert.equal((await rowIds(page)).length, 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("view"), "task-center");
  });

  test("an entry's job opens in the timeline", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const page = await openTaskCenter();
    await page.selectOption('select[name="failure_status"]', "failoverFail");
    await page.click('button[data-action="tc-apply"]');
    const row = page.locator(`[data-role="tc-row"][data-job-id="${job}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /SDRS\.1030/);
    await row.locator('button[data-action="tc-open"]').click();
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="FAIL"]`);
    assert.equal(new URL(page.url()).searchParams.get("job"), job);
    assert.equal(new URL(page.url()).searchParams.get("view"), null);
    // The failure inside its group was filed too, with the instance that failed.
    const group = await page.$eval('.sdrs-entities dd code', (code) => code.textContent);
    await page.click('button[data-action="change-job"]');
    await page.click('button[data-action="open-task-center"]');
    await page.fill('input[name="server_group_id"]', group);
    await page.click('button[data-action="tc-apply"]');
    await settle(page, "1–1 of 1");
    assert.match(await page.textContent('[data-role="tc-row"]'), /Protected instance[\s\S]*SDRS\.0406/);
  });

  test("deletes are asked for in the page first, then done, one entry or a whole group", async () => {
    await consolePage.simulator.addFailures({ count: 7, server_group_id: "sg-e2e-delete" });
    const page = await openTaskCenter();
    await page.fill('input[name="server_group_id"]', "sg-e2e-delete");
    await page.click('button[data-action="tc-apply"]');
    await settle(page, "1–7 of 7");
    const [victim] = await rowIds(page);
    await page.locator('[data-role="tc-row"]').first().locator('button[data-action="tc-delete"]').click();
    const question = page.locator('[data-role="tc-confirm"]');
    await question.waitFor();
    assert.match(await question.textContent(), /Delete the Task Center entry of .+\?/);
    await page.click('button[data-action="tc-cancel"]');
    assert.equal(await question.count(), 0);
    await page.click('button[data-action="tc-refresh"]');
    await settle(page, "1–7 of 7");
    assert.ok((await rowIds(page)).includes(victim), "cancelled: nothing deleted");
    await page.locator('[data-role="tc-row"]').first().locator('button[data-action="tc-delete"]').click();
    await page.click('button[data-action="tc-confirm-delete"]');
    await settle(page, "1–6 of 6");
    assert.ok(!(await rowIds(page)).includes(victim));
    assert.equal(await page.textContent('[data-role="tc-notice"]'), "Deleted.");
    await page.click('button[data-action="tc-delete-all"]');
    assert.match(await page.textContent('[data-role="tc-confirm"]'), /Delete all 6 entries inside protection group sg-e2e-delete\?/);
    await page.click('button[data-action="tc-confirm-delete"]');
    await page.waitForSelector('[data-role="tc-empty"]');
    assert.equal(await range(page), "No entries");
  });

  test("a refused request is said clearly, and the panel stays usable", async () => {
    const page = await openTaskCenter({ token: "not-the-token" });
    page.expectProblems(...httpErrors(401));
    const banner = page.locator('[data-role="task-center"] .sdrs-error');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Not authenticated \(401\)/);
    assert.ok(!(await banner.textContent()).includes("not-the-token"), "the token is never shown");
    assert.equal(await page.isEnabled('button[data-action="tc-refresh"]'), true);
  });

  for (const [size, locale] of [[{ width: 1024, height: 700 }, "zh"], [{ width: 1024, height: 700 }, "en"], [{ width: 1400, height: 900 }, "en"]]) {
    test(`fits a console at ${size.width}×${size.height} (${locale})`, async () => {
      await consolePage.simulator.addFailures({ seed: true });
      const page = await openTaskCenter({ size, path: locale === "zh" ? "/?lang=zh" : "/" });
      await page.waitForSelector('[data-role="tc-row"]');
      if (locale === "zh") {
        assert.match(await page.textContent(".sdrs-tc-title"), /任务中心：失败任务/);
        assert.match(await page.textContent('[data-role="tc-range"]'), /^第 1–\d+ 条，共 \d+ 条$/);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `nothing overflows sideways (${overflow} px)`);
      const cut = await page.$$eval('[data-role="tc-row"] td', (cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).length);
      assert.equal(cut, 0, "no cell's text runs out of it");
      await page.screenshot({ path: `${screenshots}/task-center-${size.width}-${locale}.png` });
    });
  }
});
