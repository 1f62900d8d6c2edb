// Word when a watched job ends (issue 12, item 3): a hidden tab's title and icon carry the
// outcome and are put back when it is shown; a notification only after the user's click,
// granted or refused, and the page the same either way.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setUpConsole, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

/** Makes the page believe it is hidden or shown, as a tab switch does. */
const setVisibility = (page, state) =>
  page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);

/** Records every notification the page makes, through the browser's own constructor. */
function recordNotifications() {
  window.notifications = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.notifications.push({ title, body: options?.body ?? "", tag: options?.tag ?? "" });
    }
  };
}

async function open({ permissions = [], before = null } = {}) {
  const page = await consolePage.open("/", "light", { permissions });
  await page.addInitScript(recordNotifications);
  if (before) await page.addInitScript(before);
  await page.reload();
  await page.waitForSelector(".sdrs-console");
  return page;
}

const icon = (page) => page.getAttribute("link[rel~='icon']", "href");

describe("word when a job ends", () => {
  test("a hidden tab's title and icon say how its job ended, until it is shown", async () => {
    const page = await open();
    const job = await consolePage.simulator.createJob({ scenario: "drill-fail", speed: 3 });
    await watchJob(page, { job });
    await page.waitForSelector(".sdrs-live.is-waiting, .sdrs-live.is-fetching");
    const before = { title: await page.title(), icon: await icon(page) };
    await setVisibility(page, "hidden");
    await page.waitForFunction(() => document.title.startsWith("✕ FAIL"), null, { timeout: 60_000 });
    assert.match(await page.title(), /^✕ FAIL · .+ — SDRS job timeline$/);
    assert.match(await icon(page), /^data:image\/svg\+xml,.*%23cf222e/);
    await setVisibility(page, "visible");
    await page.waitForFunction((title) => document.title === title, before.title);
    assert.equal(await icon(page), before.icon);
  });

  test("a job that ends while the tab is shown leaves the title alone", async () => {
    const page = await open();
    const job = await consolePage.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 600_000 });
    await watchJob(page, { job });
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="SUCCESS"]`);
    assert.equal(await page.title(), "SDRS job timeline");
  });

  test("granted: a notification names the job and where it failed, once", async () => {
    const page = await open({ permissions: ["notifications"] });
    const job = await consolePage.simulator.createJob({ scenario: "drill-fail", speed: 3 });
    await watchJob(page, { job });
    const bell = page.locator('button[data-action="notify"]');
    await bell.waitFor();
    assert.equal(await bell.getAttribute("data-state"), "off", "allowed, but not on until clicked");
    assert.equal(await bell.getAttribute("aria-pressed"), "false");
    await bell.click();
    assert.equal(await bell.getAttribute("data-state"), "on");
    assert.equal(await bell.getAttribute("aria-pressed"), "true");
    await setVisibility(page, "hidden");
    await page.waitForFunction(() => window.notifications.length > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const notes = await page.evaluate(() => window.notifications);
    assert.equal(notes.length, 1, JSON.stringify(notes));
    assert.match(notes[0].title, /failed$/);
    assert.ok(notes[0].body.startsWith(job), notes[0].body);
    assert.match(notes[0].body, /SDRS\.0406/);
    assert.equal(notes[0].tag, `sdrs-job-${job}`);
  });

  test("refused: the control says so and the page works unchanged", async () => {
    // A browser that has not been asked yet, whose user refuses: the console learns it
    // only from the click.
    const page = await open({
      before: () => {
        Object.defineProperty(Notification, "permission", { configurable: true, get: () => (window.refused ? "denied" : "default") });
        Notification.requestPermission = async () => {
          window.asked = (window.asked ?? 0) + 1;
          window.refused = true;
          return "denied";
        };
      },
    });
    const job = await consolePage.simulator.createJob({ scenario: "drill-fail", speed: 3 });
    await watchJob(page, { job });
    const bell = page.locator('button[data-action="notify"]');
    await bell.waitFor();
    assert.equal(await page.evaluate(() => window.asked ?? 0), 0, "never asked on load");
    assert.equal(await bell.getAttribute("data-state"), "not-asked");
    await bell.click();
    await page.waitForFunction(() => document.querySelector('button[data-action="notify"]').dataset.state === "refused");
    assert.equal(await page.evaluate(() => window.asked), 1);
    assert.equal(await bell.getAttribute("aria-disabled"), "true");
    assert.match(await bell.getAttribute("aria-label"), /blocked/);
    // The job ends as it would have: shown, told in the page, no notification, no error.
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="FAIL"]`, { timeout: 60_000 });
    assert.deepEqual(await page.evaluate(() => window.notifications), []);
  });

  test("the title bar with the bell stays one line at 1024 px, in both languages", async () => {
    const page = await open();
    await page.setViewportSize({ width: 1024, height: 700 });
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    await watchJob(page, { job });
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"]`);
    for (const language of ["en", "zh"]) {
      if (language === "zh") await page.click('button[data-action="switch-language"]');
      const bar = await page.$eval(".sdrs-console-bar", (bar) => {
        const boxes = [...bar.children].map((child) => child.getBoundingClientRect());
        // One line: every part starts above where every other ends.
        const oneLine = Math.max(...boxes.map((box) => box.top)) < Math.min(...boxes.map((box) => box.bottom));
        return { height: bar.getBoundingClientRect().height, oneLine, parts: boxes.length };
      });
      assert.ok(bar.oneLine, `${language}: ${JSON.stringify(bar)}`);
      assert.equal(bar.parts, 4, "title, what is shown, the bell, the language");
      assert.ok(bar.height <= 40, `${language}: ${JSON.stringify(bar)}`);
    }
  });
});
