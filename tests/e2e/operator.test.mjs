// The operator's view (issue 15): rows that say what they are, search by everything, and
// the words in both languages, at a console's sizes (1024×700 and 1400×900).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { httpErrors, root, screenshots, setUpConsole, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1400, height: 900 },
];

/** The console at `size`, watching a failover of four instances in which one server did
 *  not stop (SDRS.1308), finished. */
async function failedFailover(size, shape = undefined) {
  const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000, ...(shape && { shape }) });
  const page = await consolePage.open("/");
  await page.setViewportSize(size);
  await watchJob(page, { job });
  await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
  return page;
}

/** English words of the widget's own texts (text.rs) that the widget on `page` shows, in
 *  its text or its labels, titles and placeholders: every phrase pair's English words of
 *  four letters or more that no Chinese phrase also uses (JSON, UTC). Server text (ids,
 *  codes, reasons, raw JSON), wire names and key caps are shown as they are. */
async function englishWords(page) {
  const source = readFileSync(resolve(root, "crates/sdrs-job-widget/src/text.rs"), "utf8");
  const pairs = [...source.matchAll(/"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"/g)].map((match) => [match[1], match[2]]);
  assert.ok(pairs.length > 80, `the check reads the phrases (${pairs.length})`);
  const chinese = pairs.map(([, zh]) => zh.toLowerCase()).join(" ");
  const words = new Set(pairs.flatMap(([en]) => en.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => !chinese.includes(word)));
  return page.evaluate((list) => {
    const widget = document.querySelector(".sdrs-job-timeline").cloneNode(true);
    widget.querySelectorAll("code, pre, kbd, [data-role=identity], [data-role=row-code], .sdrs-failure-reason, .sdrs-error-message, .sdrs-tooltip-error, .sdrs-fields dt, .sdrs-tooltip span:nth-of-type(1)").forEach((node) => node.remove());
    const attributes = [...widget.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((node) => ["aria-label", "title", "placeholder"].map((name) => node.getAttribute(name) ?? ""));
    const text = `${widget.textContent} ${attributes.join(" ")}`.toLowerCase();
    return list.filter((word) => new RegExp(`\\b${word}\\b`).test(text));
  }, [...words]);
}

/** Each visible row: its depth, status, label, identity and error code as shown. */
const rows = (page) =>
  page.$$eval(".sdrs-row", (elements) =>
    elements.map((row) => ({
      depth: Number(row.dataset.depth),
      status: row.dataset.status,
      label: row.querySelector(".sdrs-label")?.textContent,
      identity: row.querySelector('[data-role="identity"]')?.textContent ?? null,
      identityTitle: row.querySelector('[data-role="identity"]')?.getAttribute("title") ?? null,
      code: row.querySelector('[data-role="row-code"]')?.textContent ?? null,
    })),
  );

describe("rows say what they are", () => {
  for (const size of SIZES) {
    test(`each instance row names its instance and a failed row its code, at ${size.width}×${size.height}`, async () => {
      const page = await failedFailover(size);
      const shown = await rows(page);
      const instances = shown.filter((row) => row.depth === 1);
      assert.equal(instances.length, 4);
      assert.equal(new Set(instances.map((row) => row.label)).size, 1, "the same type four times");
      const identities = instances.map((row) => row.identity);
      assert.equal(new Set(identities).size, 4, `four different instances: ${identities}`);
      for (const row of instances) {
        assert.match(row.identityTitle, /^protected_instance_id: [0-9a-f-]{36}$/, "the full id on hover");
        assert.ok(row.identityTitle.includes(row.identity.replace("…", "")), "the shown part is the id's start");
      }
      const failedStep = shown.find((row) => row.depth === 2 && row.status === "FAIL");
      assert.equal(failedStep.code, "SDRS.1308");
      assert.match(failedStep.identityTitle, /^native_server_id: /, "a step names its server");
      assert.equal(shown.filter((row) => row.code !== null).length, shown.filter((row) => row.status === "FAIL").length, "every failed row shows its code, no other does");
      // Nothing of a row's name spills out of its column.
      const labelsCut = await page.$$eval(".sdrs-row .sdrs-name", (names) =>
        names.filter((name) => {
          const box = name.getBoundingClientRect();
          return [...name.querySelectorAll('[data-role="identity"], [data-role="row-code"]')].some((part) => part.getBoundingClientRect().right > box.right + 1);
        }).length,
      );
      assert.equal(labelsCut, 0, "identity and code are never cut off: the label gives way");
      await page.screenshot({ path: `${screenshots}/operator-rows-${size.width}.png` });
    });
  }

  test("search finds error codes, reasons and entity ids, also in collapsed rows, and marks the match", async () => {
    const page = await failedFailover(SIZES[0]);
    await page.click('button[data-action="collapse-all"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 5);
    // A reason's words (the step's, which its instance repeats), with nothing focused yet:
    // every match, stepped through, and the failed step among them.
    await page.fill('input[data-action="search"]', "did not shut down");
    await page.waitForFunction(() => /^[1-9]\d* match/.test(document.querySelector('[data-role="match-count"]')?.textContent));
    const found = Number((await page.textContent('[data-role="match-count"]')).split(" ")[0]);
    const focused = [];
    for (let step = 1; step <= found; step += 1) {
      await page.press('input[data-action="search"]', "Enter");
      await page.waitForFunction((n) => document.querySelector('[data-role="match-count"]')?.textContent.startsWith(`${n} of`), step);
      focused.push(await page.getAttribute(".sdrs-row.is-focused", "data-depth"));
    }
    assert.ok(focused.includes("2"), `the failed step is among the matches (depths ${focused})`);
    // An error code: the one failed step, marked.
    await page.fill('input[data-action="search"]', "sdrs.1308");
    await page.waitForFunction(() => /^(1 match|1 of 1)$/.test(document.querySelector('[data-role="match-count"]')?.textContent));
    await page.press('input[data-action="search"]', "Enter");
    await page.waitForSelector('.sdrs-row.is-focused[data-status="FAIL"][data-depth="2"]');
    assert.equal(await page.textContent('[data-role="match-count"]'), "1 of 1");
    assert.equal(await page.textContent('.sdrs-row.is-focused [data-role="row-code"] mark.sdrs-match'), "SDRS.1308");
    // An instance's id: the instance (its steps carry their own servers).
    const title = await page.getAttribute('.sdrs-row[data-depth="1"] [data-role="identity"]', "title");
    const id = title.split(": ")[1];
    await page.fill('input[data-action="search"]', id.slice(0, 13).toUpperCase());
    await page.waitForFunction(() => document.querySelector('[data-role="match-count"]')?.textContent === "1 match");
    await page.press('input[data-action="search"]', "Enter");
    await page.waitForSelector('.sdrs-row.is-focused [data-role="identity"].is-match');
  });
});

describe("the failure header reads once", () => {
  test("code, meaning and reason without repetition; progress in the outcome's colour; one broken step counted once", async () => {
    const page = await failedFailover(SIZES[0]);
    const root = await page.textContent(".sdrs-failure-root");
    const origin = await page.textContent(".sdrs-failure-origin");
    const times = (text, phrase) => text.split(phrase).length - 1;
    assert.equal(times(root, "Failed to perform the failover"), 1, root);
    assert.equal(times(origin, "Failed to stop the server"), 1, origin);
    assert.equal(times(origin, "SDRS.1308"), 1, origin);
    assert.match(await page.textContent('[data-status-count="FAIL"]'), /1 failed, in 1 failed sub-job/);
    const colours = await page.evaluate(() => {
      const progress = document.querySelector('[data-role="progress"] progress');
      const probe = document.createElement("span");
      probe.style.color = "var(--sdrs-fail)";
      progress.parentElement.append(probe);
      const fail = getComputedStyle(probe).color;
      probe.remove();
      return { accent: getComputedStyle(progress).accentColor, fail };
    });
    assert.equal(colours.accent, colours.fail, "a failed job's progress is drawn in the failure colour");
    // The detail panel: code and meaning apart, the reason on its own line.
    await page.click('button[data-action="show-failure"]');
    await page.waitForSelector(".sdrs-detail .sdrs-detail-error");
    const gap = await page.evaluate(() => {
      const code = document.querySelector(".sdrs-detail-error code").getBoundingClientRect();
      const next = document.querySelector(".sdrs-detail-error code").nextElementSibling.getBoundingClientRect();
      return next.top >= code.bottom - 1 ? Infinity : next.left - code.right;
    });
    assert.ok(gap >= 4, `code and what follows are apart (${gap} px)`);
    await page.screenshot({ path: `${screenshots}/operator-failure-header-1024.png` });
  });

  test("after a final error, Retry watches the job again", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000, faults: ["status=403"] });
    const page = await consolePage.open("/");
    page.expectProblems(...httpErrors(403));
    await watchJob(page, { job });
    await page.waitForSelector(".sdrs-live.is-stopped");
    assert.match(await page.textContent(".sdrs-live"), /refused/);
    await page.click('.sdrs-live button[data-action="retry"]');
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
    assert.equal(await page.locator(".sdrs-error").count(), 0, "the error is gone once the job shows");
    assert.equal(await page.locator('.sdrs-live button[data-action="retry"]').count(), 0, "a job that ended needs no retry");
  });
});

describe("the keyboard from anywhere in the widget", () => {
  test("focus is on the timeline once the job shows; keys work from any control but text fields", async () => {
    const page = await failedFailover(SIZES[0]);
    await page.waitForSelector(".sdrs-row");
    await page.waitForFunction(() => document.activeElement?.classList.contains("sdrs-grid"));
    assert.equal(await page.textContent('button[data-action="shortcuts"]'), "Keys: ?", "a visible hint names the key");
    await page.keyboard.press("?");
    await page.waitForSelector(".sdrs-help");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector(".sdrs-help"));
    // From a toolbar button: "[" collapses everything, and focus goes to the timeline.
    await page.focus('button[data-action="expand-all"]');
    await page.keyboard.press("[");
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length === 5);
    assert.ok(await page.evaluate(() => document.activeElement.classList.contains("sdrs-grid")));
    // Enter on a button is the button's.
    await page.focus('button[data-action="expand-all"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length > 5);
    // In the search box, letters are text, not pans or zooms.
    await page.focus('input[data-action="search"]');
    await page.keyboard.type("sdw0");
    assert.equal(await page.inputValue('input[data-action="search"]'), "sdw0");
    assert.equal(await page.locator(".sdrs-timeline.is-zoomed").count(), 0);
  });

  test("Show in timeline scrolls the failed row of a 100-instance failover into view and gives it focus", async () => {
    const page = await failedFailover(SIZES[0], { instances: 100, steps: 3 });
    await page.waitForSelector(".sdrs-row");
    await page.focus('input[data-action="search"]');
    await page.click('button[data-action="show-failure"]');
    const active = await page.waitForFunction(() => {
      const grid = document.querySelector(".sdrs-grid");
      const id = grid?.getAttribute("aria-activedescendant");
      return document.activeElement === grid && id && document.getElementById(id) ? id : null;
    });
    const row = await page.$(`[id="${await active.jsonValue()}"]`);
    assert.equal(await row.getAttribute("data-status"), "FAIL");
    const inView = await row.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const scroller = element.closest(".sdrs-scroller").getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    assert.ok(inView, "the row is inside the timeline's visible part");
  });
});

describe("the time axis", () => {
  /** The shown tick labels' boxes, the axis's box and the number of gridlines. */
  const axisBoxes = (page) =>
    page.evaluate(() => {
      const axis = document.querySelector('[data-role="axis"]').getBoundingClientRect();
      const labels = [...document.querySelectorAll(".sdrs-tick")].map((tick) => {
        const box = tick.getBoundingClientRect();
        return { text: tick.textContent, ms: tick.dataset.ms, left: box.left, right: box.right };
      });
      labels.sort((a, b) => a.left - b.left);
      const gridlines = [...document.querySelectorAll(".sdrs-gridline")].map((line) => line.dataset.ms);
      return { axis: { left: axis.left, right: axis.right }, labels, gridlines };
    });

  for (const size of SIZES) {
    test(`labels never collide or leave the axis, in both modes, at 10 zoom levels, at ${size.width}×${size.height}`, async () => {
      const page = await failedFailover(size);
      await page.waitForSelector(".sdrs-tick");
      for (const mode of ["axis-relative", "axis-absolute"]) {
        await page.click(`button[data-action="${mode}"]`);
        await page.click(".sdrs-row");
        for (let level = 0; level <= 10; level += 1) {
          for (const pan of level === 0 ? ["none"] : ["none", "start", "end"]) {
            if (pan === "start") for (let step = 0; step < 12; step += 1) await page.keyboard.press("a");
            if (pan === "end") for (let step = 0; step < 24; step += 1) await page.keyboard.press("d");
            const { axis, labels, gridlines } = await axisBoxes(page);
            const where = `${mode}, zoom level ${level}, ${pan}: ${labels.map((label) => label.text).join(" ")}`;
            const span = await page.textContent(`[data-role="visible-span"]`);
            const axisWidth = axis.right - axis.left;
            assert.ok(labels.length >= 1, `a label at least (${where}; ticks at ${gridlines}; ${span} over ${axisWidth} px)`);
            for (const label of labels) {
              assert.ok(label.left >= axis.left - 0.5 && label.right <= axis.right + 0.5, `${label.text} inside the axis (${where})`);
            }
            for (let i = 1; i < labels.length; i += 1) {
              assert.ok(labels[i - 1].right <= labels[i].left, `${labels[i - 1].text} and ${labels[i].text} apart (${where})`);
            }
            // Every tick between the first and the last label has its label: only a tick at
            // an edge may go without, where its label cannot fit.
            const shown = new Set(labels.map((label) => label.ms));
            const first = gridlines.findIndex((ms) => shown.has(ms));
            const last = gridlines.findLastIndex((ms) => shown.has(ms));
            const inside = gridlines.slice(first, last + 1);
            assert.ok(inside.every((ms) => shown.has(ms)), `no gap between labels (${where})`);
            assert.ok(first <= 1 && last >= gridlines.length - 2, `at most the edge ticks go without a label (${where})`);
          }
          await page.keyboard.press("+");
        }
        await page.keyboard.press("0");
      }
    });
  }
});

describe("a layout that fits a console", () => {
  test("the form folds away once a job shows, and comes back on demand", async () => {
    const page = await failedFailover(SIZES[0]);
    await page.waitForSelector('[data-role="sources-folded"]');
    assert.equal(await page.isVisible(".sdrs-job-form"), false);
    assert.match(await page.textContent('[data-role="sources-folded"]'), /Job [0-9a-f]{32} in project/);
    const rowsTop = () => page.evaluate(() => document.querySelector(".sdrs-scroller").getBoundingClientRect().top);
    const folded = await rowsTop();
    await page.click('button[data-action="change-job"]');
    assert.equal(await page.isVisible(".sdrs-job-form"), true);
    const unfolded = await rowsTop();
    assert.ok(unfolded - folded >= 150, `folding gives the rows ${unfolded - folded} px more of the window`);
    assert.equal(await page.locator('[data-role="sources-folded"]').count(), 0);
  });

  for (const size of [...SIZES, { width: 1920, height: 1080 }]) {
    test(`the details, the tooltip and the page fit at ${size.width}×${size.height}`, async () => {
      const page = await failedFailover(size, { instances: 100, steps: 3 });
      await page.waitForSelector(".sdrs-row");
      const before = await page.evaluate(() => document.querySelector(".sdrs-timeline").getBoundingClientRect().width);
      await page.click('button[data-action="show-failure"]');
      await page.waitForSelector(".sdrs-detail");
      const boxes = await page.evaluate(() => {
        const box = (selector) => document.querySelector(selector).getBoundingClientRect().toJSON();
        return {
          main: box(".sdrs-main"), timeline: box(".sdrs-timeline"), detail: box(".sdrs-detail"),
          window: { width: innerWidth, height: innerHeight }, pageWidth: document.documentElement.scrollWidth,
        };
      });
      assert.ok(boxes.detail.height <= boxes.window.height, `the details are never taller than the window (${boxes.detail.height})`);
      assert.ok(boxes.detail.right <= boxes.window.width, "nor wider");
      if (boxes.main.width <= 1150) {
        assert.ok(boxes.timeline.width >= before - 1, `a drawer over the timeline, which keeps its width (${before} → ${boxes.timeline.width})`);
      } else {
        assert.ok(boxes.detail.left >= boxes.timeline.right - 1, "beside the timeline");
        assert.ok(boxes.timeline.width >= 0.55 * boxes.main.width, `the timeline keeps most of the width (${boxes.timeline.width})`);
      }
      assert.ok(boxes.pageWidth <= boxes.window.width, `nothing overflows the page sideways (${boxes.pageWidth})`);
      // The search box shows its whole placeholder.
      const search = await page.evaluate(() => {
        const input = document.querySelector('input[data-action="search"]');
        const context = document.createElement("canvas").getContext("2d");
        const style = getComputedStyle(input);
        context.font = style.font;
        const text = context.measureText(input.placeholder).width;
        return { text, room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
      });
      assert.ok(search.text <= search.room, `the search placeholder fits (${search.text} px in ${search.room} px)`);
      await page.screenshot({ path: `${screenshots}/operator-detail-${size.width}.png` });
      await page.click('button[data-action="close-detail"]');
      // The tooltip of the last row in view stays in view.
      const rows = page.locator(".sdrs-row");
      const scroller = await page.evaluate(() => document.querySelector(".sdrs-scroller").getBoundingClientRect().toJSON());
      let last = null;
      for (const row of await rows.all()) {
        const box = await row.boundingBox();
        if (box && box.y + box.height <= scroller.bottom && box.y >= scroller.top) last = row;
      }
      await last.hover({ position: { x: 40, y: 10 } });
      const tip = await page.waitForSelector('[data-role="tooltip"]');
      const tipBox = await tip.boundingBox();
      // Hovering may have scrolled the page: measure the view again.
      const view = await page.evaluate(() => document.querySelector(".sdrs-scroller").getBoundingClientRect().toJSON());
      Object.assign(scroller, view);
      assert.ok(tipBox.y >= scroller.top - 1 && tipBox.y + tipBox.height <= scroller.bottom + 1, `the tooltip stays in the timeline's view (${JSON.stringify(tipBox)} in ${JSON.stringify(scroller)})`);
      assert.ok(tipBox.x + tipBox.width <= size.width, "and in the window");
    });
  }
});

describe("durations at a glance", () => {
  for (const size of SIZES) {
    test(`each bar shows its duration, inside when it fits, beside it when not, at ${size.width}×${size.height}`, async () => {
      const page = await failedFailover(size);
      await page.waitForSelector(".sdrs-bar");
      const bars = await page.$$eval(".sdrs-row", (rows) =>
        rows.map((row) => {
          const bar = row.querySelector(".sdrs-bar")?.getBoundingClientRect();
          const label = row.querySelector('[data-role="bar-duration"]');
          const box = label?.getBoundingClientRect();
          return {
            bar: bar && { left: bar.left, right: bar.right },
            text: label?.textContent ?? null,
            inside: label?.classList.contains("is-inside") ?? false,
            box: box && { left: box.left, right: box.right },
          };
        }),
      );
      const drawn = bars.filter((entry) => entry.bar);
      assert.ok(drawn.length >= 10);
      assert.ok(drawn.every((entry) => /^\d/.test(entry.text ?? "")), `every bar shows its duration: ${drawn.map((entry) => entry.text)}`);
      for (const entry of drawn) {
        if (entry.inside) {
          assert.ok(entry.box.left >= entry.bar.left - 0.5 && entry.box.right <= entry.bar.right + 0.5, `${entry.text} inside its bar`);
        } else {
          assert.ok(entry.box.left >= entry.bar.right - 0.5 || entry.box.right <= entry.bar.left + 0.5, `${entry.text} beside its bar, not over it`);
        }
      }
      assert.match(await page.textContent('.sdrs-row[data-depth="0"] [data-role="bar-duration"]'), /^21\.\d+s$/, "the job's own duration");
    });
  }
});

describe("clock time says which clock", () => {
  test("in the browser's zone by default, in UTC on demand", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const page = await consolePage.open("/", "light", { timezoneId: "Asia/Shanghai" });
    await watchJob(page, { job });
    await page.waitForSelector(".sdrs-tick");
    assert.equal(await page.locator('[data-role="axis-zone"]').count(), 0, "offsets need no zone");
    await page.click('button[data-action="axis-absolute"]');
    assert.equal(await page.textContent('[data-role="axis-zone"]'), "UTC+08:00");
    const hour = async () => Number((await page.textContent(".sdrs-tick")).slice(0, 2));
    const local = await hour();
    await page.click('button[data-action="axis-utc"]');
    await page.waitForFunction(() => document.querySelector('[data-role="axis-zone"]')?.textContent === "UTC");
    assert.equal(await page.getAttribute('button[data-action="axis-utc"]', "aria-pressed"), "true");
    assert.equal((await hour() + 8) % 24, local, "the same moments, eight hours earlier on the clock");
  });
});

describe("words", () => {
  test("one of a thing is singular", async () => {
    const page = await failedFailover(SIZES[1]);
    await page.waitForSelector(".sdrs-live.is-stopped");
    assert.doesNotMatch(await page.textContent(".sdrs-live-attempts"), /^1 requests$/);
    await page.fill('input[data-action="search"]', "sdrs.1308");
    await page.waitForFunction(() => document.querySelector('[data-role="match-count"]')?.textContent === "1 match");
  });

  test("a Chinese page holds no English word of the widget's own texts", async () => {
    const page = await failedFailover(SIZES[0]);
    await page.click('button[data-action="change-job"]');
    await page.click('button[data-action="switch-language"]');
    await page.waitForSelector('.sdrs-job-timeline[lang="zh"] .sdrs-row');
    const seen = [];
    const look = async (where) => seen.push(...(await englishWords(page)).map((word) => `${word} (${where})`));
    await look("the job");
    await page.focus(".sdrs-grid");
    await page.keyboard.press("?");
    await page.waitForSelector(".sdrs-help");
    await look("the shortcuts");
    await page.keyboard.press("Escape");
    await page.click('button[data-action="show-failure"]');
    await page.waitForSelector(".sdrs-detail");
    await look("the details");
    await page.click('button[data-action="axis-absolute"]');
    await page.hover('.sdrs-row[data-status="FAIL"][data-depth="2"] .sdrs-label');
    await page.waitForSelector('[data-role="tooltip"]');
    await look("clock time and a tooltip");
    assert.deepEqual(seen, []);
    await page.screenshot({ path: `${screenshots}/operator-zh-1024.png` });
  });

  test("the audit panels at 1024×700 in Chinese: replay, export, statistics and compare by the keyboard alone, inside the width", async () => {
    const drill = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 4 });
    const page = await consolePage.open("/?lang=zh");
    await page.setViewportSize(SIZES[0]);
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-job-timeline[lang="zh"] .sdrs-header[data-status="SUCCESS"]', { timeout: 30_000 });
    const keys = async (selector, ...presses) => {
      await page.focus(selector);
      for (const press of presses) await page.keyboard.press(press);
    };
    // Replay: back to the first moment and live again.
    await keys('[data-action="replay-scrub"]', "Home");
    await page.waitForSelector('[data-role="replay"][data-moment="0"]');
    await keys('[data-action="replay-live"]', "Enter");
    await page.waitForSelector('[data-role="replay"]:not([data-moment])');
    // Statistics: opened, then sorted by median both ways.
    await keys('[data-role="statistics"] summary', "Enter");
    await page.waitForSelector(".sdrs-stats-table tbody tr");
    const median = 'th:has(button[data-sort="median"])';
    await keys('button[data-sort="median"]', "Enter");
    await page.waitForSelector(`${median}[aria-sort="descending"]`);
    await page.keyboard.press("Space");
    await page.waitForSelector(`${median}[aria-sort="ascending"]`);
    // Compare: opened, an id typed and sent with Enter.
    await keys('[data-role="compare"] summary', "Enter");
    await page.focus('[data-action="compare-job-id"]');
    await page.keyboard.type(drill);
    await page.keyboard.press("Enter");
    await page.waitForSelector(".sdrs-compare-table tbody tr");
    assert.match(await page.textContent('[data-role="compare-summary"]'), /^共对比 \d+ 个步骤/);
    const steps = await page.locator('.sdrs-compare-table tbody th[scope="row"]').allTextContents();
    assert.ok(steps.every((step) => /[\u4e00-\u9fff]/.test(step)), `each step named as its row is, in Chinese: ${steps}`);
    assert.ok((await page.locator('.sdrs-compare-table tbody th [data-role="identity"]').count()) >= 16, "each instance's step says which instance");
    // Export: the menu opened and an answer saved, from the keyboard.
    await keys('[data-role="export"] summary', "Enter");
    const [download] = await Promise.all([page.waitForEvent("download"), keys('[data-action="export-answer"]', "Enter")]);
    assert.equal(download.suggestedFilename(), `sdrs-job-${job}.json`);

    // Everything open: no English word of the widget's, and nothing wider than the window
    // or its panel.
    assert.deepEqual(await englishWords(page), []);
    const fit = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - innerWidth,
      panels: [...document.querySelectorAll('[data-role="replay"], [data-role="export"], [data-role="statistics"], [data-role="compare"]')]
        .map((panel) => [panel.dataset.role, panel.scrollWidth - panel.clientWidth, Math.round(panel.getBoundingClientRect().right)]),
    }));
    assert.equal(fit.page, 0, "no sideways scroll of the page");
    for (const [role, over, right] of fit.panels) {
      assert.ok(over <= 0 && right <= SIZES[0].width, `${role} sticks out by ${over} px, to ${right} px`);
    }
    await page.screenshot({ path: `${screenshots}/operator-zh-audit-1024.png`, fullPage: true });
  });

  test("in Chinese, a job not started is 未开始, never 初始化", async () => {
    const page = await consolePage.open("/?sample=running&lang=zh");
    await page.waitForSelector(".sdrs-row");
    const legend = await page.textContent(".sdrs-legend");
    assert.match(legend, /未开始/);
    assert.doesNotMatch(await page.textContent(".sdrs-job-timeline"), /初始化/);
  });
});
