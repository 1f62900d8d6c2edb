// Keyboard and screen-reader use of the timeline (WAI-ARIA treegrid), search, filters and
// failure navigation, and an automated audit with axe-core: no serious or critical
// violation, in both themes.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { setUpConsole } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const consolePage = setUpConsole();

async function open(path, colorScheme = "light") {
  const page = await consolePage.open(path, colorScheme);
  await page.waitForSelector(".sdrs-row");
  return page;
}

const focusedId = (page) => page.evaluate(() => document.querySelector(".sdrs-row.is-focused")?.dataset.jobId);

describe("the treegrid", () => {
  test("has the ARIA a screen reader needs", async () => {
    const page = await open("/?sample=failover-failed");
    const grid = page.locator('[role="treegrid"]');
    assert.equal(await grid.getAttribute("aria-rowcount"), "10");
    assert.ok(await grid.getAttribute("aria-label"));
    const child = page.locator('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1002"]');
    assert.equal(await child.getAttribute("aria-level"), "2");
    assert.equal(await child.getAttribute("aria-posinset"), "2");
    assert.equal(await child.getAttribute("aria-setsize"), "3");
    assert.equal(await child.getAttribute("aria-expanded"), "true");
    assert.equal(await child.getAttribute("aria-rowindex"), "5");
    const leaf = page.locator('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1011"]');
    assert.equal(await leaf.getAttribute("aria-expanded"), null, "no aria-expanded on leaves");
    assert.match(await leaf.textContent(), /Succeeded/, "status in words, not only colour");
  });

  test("is driven by the keyboard, and focus stays on the job", async () => {
    const page = await open("/?sample=failover-failed");
    await page.focus('[role="treegrid"]');
    await page.keyboard.press("ArrowDown");
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1000");
    // aria-activedescendant names the focused row's element (ids are per widget).
    assert.equal(
      await page.evaluate(() => {
        const grid = document.querySelector('[role="treegrid"]');
        return document.getElementById(grid.getAttribute("aria-activedescendant"))?.dataset.jobId;
      }),
      "ff8080826b45d4a5016b5036242c1000",
    );
    await page.keyboard.press("ArrowDown");
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1001");
    await page.keyboard.press("ArrowLeft"); // collapse
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 8);
    await page.keyboard.press("ArrowRight"); // expand
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 10);
    await page.keyboard.press("ArrowRight"); // to the first sub-job
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1011");
    await page.keyboard.press("ArrowLeft"); // to the parent
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1001");
    await page.keyboard.press("End");
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1032");
    await page.keyboard.press("Home");
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1000");
    await page.keyboard.press("PageDown");
    assert.equal(await focusedId(page), "ff8080826b45d4a5016b5036242c1032", "a page is more than the 10 rows");
    await page.keyboard.press("Enter");
    await page.waitForSelector('.sdrs-detail[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
    await page.keyboard.press("Escape");
    await page.waitForSelector(".sdrs-detail", { state: "detached" });
    await page.keyboard.press("[");
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 4);
    await page.keyboard.press("]");
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 10);
    await page.keyboard.press("?");
    await page.waitForSelector(".sdrs-help");
    await page.keyboard.press("Escape");
    await page.waitForSelector(".sdrs-help", { state: "detached" });
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), "search");
  });

  test("keeps focus on its job while 10,101 rows scroll in and out", async () => {
    const page = await open("/?sample=large-10k");
    await page.focus('[role="treegrid"]');
    await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 5; i += 1) await page.keyboard.press("PageDown");
    // Five pages down from the first row (rows render after each key; wait for the last).
    await page.waitForFunction(() => Number(document.querySelector(".sdrs-row.is-focused")?.getAttribute("aria-rowindex")) > 100);
    const id = await focusedId(page);
    await page.locator(".sdrs-scroller").evaluate((scroller) => (scroller.scrollTop = 0));
    await page.waitForFunction(() => !document.querySelector(".sdrs-row.is-focused"));
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction((before) => {
      const row = document.querySelector(".sdrs-row.is-focused");
      return row && row.dataset.jobId !== before;
    }, id);
    const next = page.locator(".sdrs-row.is-focused");
    assert.equal(await page.getAttribute('[role="treegrid"]', "aria-activedescendant"), await next.getAttribute("id"));
    assert.ok(Number(await next.getAttribute("aria-rowindex")) > 100, "the row after the focused job, scrolled back into view");
  });

  test("rows stay in reading order in the DOM while their elements are reused by scrolling", async () => {
    const page = await open("/?sample=large-10k");
    // Steady steps down and up (their elements are handed from the rows that left to the
    // rows that came in) and jumps. Each position is read in one evaluation, after two
    // frames: the scroll event and yew's render have both run. (A locator's evaluateAll
    // finds its elements in one round trip and reads them in a later one, so a render
    // between the two gave it the old DOM order with new contents.)
    const tops = [400, 800, 5_000, 1_200, 260_000, 0];
    for (let top = 2_000; top < 6_000; top += 333) tops.push(top);
    for (let top = 6_000; top > 3_000; top -= 271) tops.push(top);
    for (const top of tops) {
      const { visible, order } = await page.evaluate(async (top) => {
        const scroller = document.querySelector(".sdrs-scroller");
        scroller.scrollTop = top;
        for (let frame = 0; frame < 2; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
        const order = [...document.querySelectorAll(".sdrs-row")].map((row) => Number(row.getAttribute("aria-rowindex")));
        return { visible: Math.floor(scroller.scrollTop / 26) + 1, order };
      }, top);
      assert.ok(order.length > 20, `rows after scrolling to ${top}: ${order.length}`);
      assert.ok(order.includes(visible), `row ${visible} is drawn after scrolling to ${top}: ${order.join(",")}`);
      for (let index = 1; index < order.length; index += 1) {
        assert.equal(order[index], order[index - 1] + 1, `DOM order after scrolling to ${top}: ${order.join(",")}`);
      }
    }
  });
});

describe("finding things", () => {
  test("search counts matches, reveals them in collapsed subtrees, and steps through", async () => {
    const page = await open("/?sample=failover-failed");
    await page.click('button[data-action="collapse-all"]');
    await page.fill('input[data-action="search"]', "failoverReplicationPair");
    assert.equal(await page.textContent('[data-role="match-count"]'), "3 matches");
    await page.press('input[data-action="search"]', "Enter");
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1012"]');
    assert.equal(await page.textContent('[data-role="match-count"]'), "1 of 3");
    await page.click('button[data-action="next-match"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1022"]');
    await page.click('button[data-action="previous-match"]');
    await page.click('button[data-action="previous-match"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1032"]', { state: "attached" });
    assert.equal(await page.textContent('[data-role="match-count"]'), "3 of 3", "wraps around");
  });

  test("failures are one click away, in order", async () => {
    const page = await open("/?sample=failover-failed");
    await page.click('button[data-action="next-failure"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1000"]');
    await page.click('button[data-action="next-failure"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1003"]');
    await page.click('button[data-action="next-failure"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
    await page.click('button[data-action="previous-failure"]');
    await page.waitForSelector('.sdrs-row.is-focused[data-job-id="ff8080826b45d4a5016b5036242c1003"]');
  });

  test("a status filter hides rows and says how many", async () => {
    const page = await open("/?sample=failover-failed");
    await page.click('button[data-filter="SUCCESS"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 3);
    assert.equal(await page.getAttribute('button[data-filter="SUCCESS"]', "aria-pressed"), "false");
    assert.match(await page.textContent('[data-role="hidden-by-filter"]'), /7 rows hidden by the filter/);
    await page.click('button[data-filter="SUCCESS"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 10);
    assert.equal(await page.locator('[data-role="hidden-by-filter"]').count(), 0);
  });
});

describe("automated audit (axe-core)", () => {
  for (const scheme of ["light", "dark"]) {
    test(`no serious or critical violation, ${scheme} theme`, async () => {
      const page = await open("/?sample=failover-failed", scheme);
      await page.click('.sdrs-row[data-job-id="ff8080826b45d4a5016b5036242c1032"]');
      await page.waitForSelector(".sdrs-detail");
      // Evaluated through DevTools: the page's CSP (rightly) refuses an injected script tag.
      await page.evaluate(readFileSync(axePath, "utf8"));
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join("; ")})`);
      });
      assert.deepEqual(violations, []);
    });
  }
});
