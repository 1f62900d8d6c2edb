// The operator's view, continued (issue 15): durations in a sortable column, gaps between
// steps, the time under the pointer and the span of a dragged range; and what is left of
// the layout: a header that leaves room for rows at 1024×700, legend entries that look
// like the buttons they are, a paste box inside its frame, a 404 that reads once.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { httpErrors, PROJECT, screenshots, setUpConsole, TOKEN, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1400, height: 900 },
];

/** The console at `size` watching a finished scenario job. */
async function finished(size, scenario, { locale = "en" } = {}) {
  const job = await consolePage.simulator.createJob({ scenario, elapsed_ms: 600_000 });
  const page = await consolePage.open(locale === "zh" ? "/?lang=zh" : "/");
  await page.setViewportSize(size);
  await watchJob(page, { job });
  await page.waitForSelector(".sdrs-header[data-status]");
  await page.waitForSelector(".sdrs-row");
  return page;
}

/** Milliseconds of a duration as the widget writes it: `850ms`, `9.6s`, `2m 05s`. */
function parseDuration(text) {
  const match = /^(?:(\d+)m )?(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim());
  assert.ok(match, `a duration: ${JSON.stringify(text)}`);
  const [, minutes = "0", amount, unit] = match;
  return Number(minutes) * 60_000 + Number(amount) * (unit === "ms" ? 1 : 1_000);
}

/** Each row in order: id, parent depth, the duration column's text and its box. */
const durationRows = (page) =>
  page.$$eval(".sdrs-row", (rows) =>
    rows
      .sort((a, b) => Number(a.getAttribute("aria-rowindex")) - Number(b.getAttribute("aria-rowindex")))
      .map((row) => {
        const cell = row.querySelector('[data-role="duration-cell"]');
        const name = row.querySelector(".sdrs-name").getBoundingClientRect();
        const bars = row.querySelector(".sdrs-bar-cell").getBoundingClientRect();
        const box = cell?.getBoundingClientRect();
        return {
          id: row.dataset.jobId,
          depth: Number(row.dataset.depth),
          text: cell?.textContent ?? null,
          box: box && { left: box.left, right: box.right },
          nameRight: name.right,
          barsLeft: bars.left,
        };
      }),
  );

/** The durations of each parent's sub-jobs, in row order: [[ms, ...], ...]. */
function siblingRuns(rows) {
  const runs = [];
  const open = [];
  for (const row of rows) {
    open.length = row.depth;
    const ms = row.text === "—" ? null : parseDuration(row.text);
    if (row.depth > 0) {
      const key = row.depth - 1;
      open[key] ??= [];
      if (open[key].length === 0) runs.push(open[key]);
      open[key].push(ms);
    }
    open[row.depth] = [];
  }
  return runs;
}

describe("a duration column, shown on demand and sortable", () => {
  for (const size of SIZES) {
    test(`shown, sorted longest and shortest first, hidden again, at ${size.width}×${size.height}`, async () => {
      const page = await finished(size, "failover-fail");
      const listed = await durationRows(page);
      assert.ok(listed.every((row) => row.text === null), "hidden until asked for");
      await page.click('button[data-action="durations"]');
      await page.waitForSelector('[data-role="duration-cell"]');
      const shown = await durationRows(page);
      assert.deepEqual(shown.map((row) => row.id), listed.map((row) => row.id), "showing the column keeps the order");
      for (const row of shown) {
        assert.ok(row.box.left >= row.nameRight - 0.5 && row.box.right <= row.barsLeft + 0.5, `the column sits between names and bars (${JSON.stringify(row)})`);
      }
      // The column says what the bar says.
      const barText = await page.textContent('.sdrs-row[data-depth="0"] [data-role="bar-duration"]');
      assert.equal(shown[0].text, barText);
      assert.equal(await page.getAttribute('button[data-action="sort-duration"]', "data-order"), "none");

      await page.click('button[data-action="sort-duration"]');
      await page.waitForFunction(() => document.querySelector('button[data-action="sort-duration"]').dataset.order === "descending");
      const longest = await durationRows(page);
      assert.notDeepEqual(longest.map((row) => row.id), listed.map((row) => row.id), "the order changed");
      assert.deepEqual([...longest.map((row) => row.id)].sort(), [...listed.map((row) => row.id)].sort(), "the same rows");
      for (const run of siblingRuns(longest)) {
        const known = run.filter((ms) => ms !== null);
        assert.deepEqual(known, [...known].sort((a, b) => b - a), `sub-jobs longest first: ${run}`);
        assert.deepEqual(run.slice(known.length), run.filter((ms) => ms === null), "unstarted ones last");
      }
      // Keyboard: the heading is a button; Enter sorts shortest first.
      await page.focus('button[data-action="sort-duration"]');
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector('button[data-action="sort-duration"]').dataset.order === "ascending");
      for (const run of siblingRuns(await durationRows(page))) {
        const known = run.filter((ms) => ms !== null);
        assert.deepEqual(known, [...known].sort((a, b) => a - b), `sub-jobs shortest first: ${run}`);
      }
      // The keys walk the rows in the order shown.
      await page.focus(".sdrs-grid");
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowDown");
      const shownSecond = (await durationRows(page))[1].id;
      assert.equal(await page.getAttribute(".sdrs-row.is-focused", "data-job-id"), shownSecond);
      await page.screenshot({ path: `${screenshots}/operator-durations-${size.width}.png` });
      await page.click('button[data-action="durations"]');
      await page.waitForFunction(() => !document.querySelector('[data-role="duration-cell"]'));
      assert.deepEqual((await durationRows(page)).map((row) => row.id), listed.map((row) => row.id), "hidden, the rows are as listed again");
    });
  }
});

describe("gaps between steps", () => {
  for (const size of SIZES) {
    test(`a pause between two steps is marked between them, and nowhere else, at ${size.width}×${size.height}`, async () => {
      // The switchover lets the replication settle 3 s before it starts the group.
      const page = await finished(size, "odd");
      const gaps = await page.$$eval('[data-role="gap"]', (marks) =>
        marks.map((mark) => {
          const row = mark.closest(".sdrs-row");
          const box = mark.getBoundingClientRect();
          return { row: Number(row.getAttribute("aria-rowindex")), ms: Number(mark.dataset.gapMs), left: box.left, right: box.right, title: mark.title, label: mark.textContent };
        }),
      );
      assert.equal(gaps.length, 1, JSON.stringify(gaps));
      const [gap] = gaps;
      assert.equal(gap.ms, 3_000);
      assert.equal(gap.label, "gap 3s");
      assert.match(gap.title, /3s gap before this step/);
      const bars = await page.$$eval(".sdrs-row", (rows) =>
        Object.fromEntries(rows.map((row) => [row.getAttribute("aria-rowindex"), row.querySelector(".sdrs-bar")?.getBoundingClientRect().toJSON()])),
      );
      const own = bars[gap.row];
      assert.ok(Math.abs(gap.right - own.left) <= 1, `the mark ends where its step begins (${gap.right} vs ${own.left})`);
      const ends = Object.entries(bars).filter(([row, bar]) => Number(row) > 1 && Number(row) !== gap.row && bar).map(([, bar]) => bar.right);
      assert.ok(ends.some((right) => Math.abs(right - gap.left) <= 1), `and begins where the step before it ended (${gap.left} in ${ends})`);
      // The tooltip and the details say it in words.
      await page.hover(`.sdrs-row[aria-rowindex="${gap.row}"] .sdrs-name`);
      assert.match(await page.textContent('[data-role="tooltip"]'), /3s gap before this step/);
      await page.click(`.sdrs-row[aria-rowindex="${gap.row}"] .sdrs-name`);
      assert.match(await page.textContent('[data-role="detail-gap"]'), /3s gap/);
      await page.screenshot({ path: `${screenshots}/operator-gap-${size.width}.png` });
    });
  }

  test("steps that follow each other within a second are not gaps", async () => {
    const page = await finished(SIZES[0], "failover");
    assert.equal(await page.locator('[data-role="gap"]').count(), 0);
  });
});

/** The time at a fraction of the axis, from two gridlines' times and places. */
async function axisScale(page) {
  return page.evaluate(() => {
    const axis = document.querySelector('[data-role="axis"]').getBoundingClientRect();
    const lines = [...document.querySelectorAll(".sdrs-gridline")].map((line) => ({ ms: Number(line.dataset.ms), x: line.getBoundingClientRect().left }));
    const [a, b] = [lines[0], lines.at(-1)];
    return { axis: { left: axis.left, top: axis.top, width: axis.width, height: axis.height }, a, b };
  });
}

describe("time under the pointer, and the span of a range", () => {
  for (const size of SIZES) {
    test(`the axis reads the time under the pointer, over the axis and the bars, at ${size.width}×${size.height}`, async () => {
      const page = await finished(size, "failover-fail");
      const { axis, a, b } = await axisScale(page);
      const msAt = (x) => a.ms + ((x - a.x) / (b.x - a.x)) * (b.ms - a.ms);
      const zeroTick = await page.$$eval(".sdrs-tick", (ticks) => ticks.find((tick) => tick.textContent === "0")?.dataset.ms);
      assert.ok(zeroTick, "the relative axis starts at 0");
      for (const fraction of [0.03, 0.5, 0.97]) {
        const x = axis.left + axis.width * fraction;
        for (const y of [axis.top + axis.height / 2, axis.top + 200]) {
          await page.mouse.move(x, y);
          const readout = page.locator('[data-role="pointer-time"]');
          await readout.waitFor();
          const text = await readout.textContent();
          const shownMs = text === "0" ? 0 : parseDuration(text.replace(/^\+/, "").replace(/(\d)m(\d)/, "$1m $2"));
          const expected = msAt(x) - Number(zeroTick);
          assert.ok(Math.abs(shownMs - expected) <= 250, `${text} at ${fraction} reads ${expected} ms (±250) over ${y > axis.top + axis.height ? "the bars" : "the axis"}`);
          const box = await readout.boundingBox();
          assert.ok(box.x >= axis.left - 1 && box.x + box.width <= axis.left + axis.width + 1, `the readout stays on the axis (${JSON.stringify(box)})`);
          const line = await page.locator(".sdrs-pointer-line").boundingBox();
          assert.ok(Math.abs(line.x - x) <= 1.5, `the hairline is under the pointer (${line.x} vs ${x})`);
        }
      }
      // Over the names, no readout; leaving the timeline clears it.
      await page.mouse.move(axis.left - 100, axis.top + 200);
      await page.waitForFunction(() => !document.querySelector('[data-role="pointer-time"]'));
      await page.mouse.move(axis.left + axis.width / 2, axis.top + 200);
      await page.locator('[data-role="pointer-time"]').waitFor();
      await page.mouse.move(5, 5);
      await page.waitForFunction(() => !document.querySelector('[data-role="pointer-time"], .sdrs-pointer-line'));
    });
  }

  test("clock mode reads clock time under the pointer", async () => {
    const page = await finished(SIZES[1], "failover-fail");
    await page.click('button[data-action="axis-absolute"]');
    const { axis } = await axisScale(page);
    await page.mouse.move(axis.left + axis.width / 2, axis.top + axis.height / 2);
    assert.match(await page.textContent('[data-role="pointer-time"]'), /^\d\d:\d\d:\d\d(\.\d)?$/);
  });

  test("dragging across the axis shows the span of the range, then zooms to it", async () => {
    const page = await finished(SIZES[1], "failover-fail");
    const { axis, a, b } = await axisScale(page);
    const msPerPx = (b.ms - a.ms) / (b.x - a.x);
    const y = axis.top + axis.height / 2;
    const [from, to] = [axis.left + axis.width * 0.2, axis.left + axis.width * 0.7];
    await page.mouse.move(from, y);
    await page.mouse.down();
    await page.mouse.move((from + to) / 2, y, { steps: 4 });
    await page.mouse.move(to, y, { steps: 4 });
    const span = await page.textContent('[data-role="band-span"]');
    const expected = (to - from) * msPerPx;
    assert.ok(Math.abs(parseDuration(span) - expected) <= Math.max(60, expected * 0.01), `the band says ${span} for ${expected} ms`);
    await page.screenshot({ path: `${screenshots}/operator-range-1400.png` });
    await page.mouse.up();
    await page.waitForSelector(".sdrs-timeline.is-zoomed");
    assert.equal(await page.locator('[data-role="band-span"]').count(), 0);
    const zoom = await page.textContent(".sdrs-zoom-span");
    assert.ok(Math.abs(parseDuration(zoom.split(" ")[0]) - expected) <= Math.max(60, expected * 0.01), `zoomed to what the band said: ${zoom} vs ${span}`);
  });
});

describe("the rest of the layout", () => {
  test("at 1024×700 a failed failover's rows start in the top half of the window", async () => {
    const page = await finished(SIZES[0], "failover-fail");
    const top = await page.evaluate(() => document.querySelector(".sdrs-scroller").getBoundingClientRect().top);
    assert.ok(top <= 350, `the first row at ${top} px (was 455)`);
    const visibleRows = await page.evaluate(() => {
      const scroller = document.querySelector(".sdrs-scroller").getBoundingClientRect();
      return [...document.querySelectorAll(".sdrs-row")].filter((row) => row.getBoundingClientRect().bottom <= Math.min(innerHeight, scroller.bottom)).length;
    });
    assert.ok(visibleRows >= 12, `${visibleRows} rows in the window`);
    // Header, failure, facts and toolbar never overlap each other.
    const overlaps = await page.evaluate(() => {
      const parts = [".sdrs-title", ".sdrs-failure", ".sdrs-facts", ".sdrs-toolbar", ".sdrs-timeline"].map((selector) => [selector, document.querySelector(selector).getBoundingClientRect()]);
      const found = [];
      for (let i = 0; i < parts.length; i += 1) {
        for (let j = i + 1; j < parts.length; j += 1) {
          const [[n1, r1], [n2, r2]] = [parts[i], parts[j]];
          if (r1.bottom > r2.top + 0.5 && r2.bottom > r1.top + 0.5) found.push(`${n1} × ${n2}`);
        }
      }
      return found;
    });
    assert.deepEqual(overlaps, []);
  });

  test("legend entries look like the buttons they are, and a hidden status looks hidden", async () => {
    const page = await finished(SIZES[0], "failover-fail");
    const look = (selector) =>
      page.$eval(selector, (element) => {
        const style = getComputedStyle(element);
        return { border: style.borderTopStyle, width: parseFloat(style.borderTopWidth), background: style.backgroundColor, cursor: style.cursor, decoration: style.textDecorationLine, text: getComputedStyle(element.closest(".sdrs-toolbar")).backgroundColor };
      });
    const shown = await look('[data-filter="SUCCESS"]');
    assert.equal(shown.border, "solid");
    assert.ok(shown.width >= 1);
    assert.notEqual(shown.background, "rgba(0, 0, 0, 0)", "a filled pill, not bare text");
    assert.equal(shown.cursor, "pointer");
    await page.click('[data-filter="SUCCESS"]');
    const hidden = await look('[data-filter="SUCCESS"]');
    assert.equal(hidden.decoration, "line-through");
    assert.equal(hidden.border, "dashed");
    assert.equal(await page.getAttribute('[data-filter="SUCCESS"]', "aria-pressed"), "false");
  });

  test("the paste box stays inside its frame, however long its text", async () => {
    const page = await consolePage.open("/");
    await page.setViewportSize(SIZES[0]);
    await page.fill('textarea[name="paste"]', `{"job_id": "${"x".repeat(400)}"}`);
    const boxes = await page.evaluate(() => {
      const frame = document.querySelector(".sdrs-drop").getBoundingClientRect();
      const box = document.querySelector('textarea[name="paste"]').getBoundingClientRect();
      return { frame: frame.toJSON(), box: box.toJSON(), pageWidth: document.documentElement.scrollWidth };
    });
    assert.ok(boxes.box.left >= boxes.frame.left && boxes.box.right <= boxes.frame.right, `inside its frame: ${JSON.stringify(boxes)}`);
    assert.ok(boxes.pageWidth <= SIZES[0].width);
  });

  for (const locale of ["en", "zh"]) {
    test(`a job that does not exist reads once (${locale})`, async () => {
      const page = await consolePage.open(locale === "zh" ? "/?lang=zh" : "/");
      page.expectProblems(...httpErrors(404));
      await watchJob(page, { project: PROJECT, job: "0".repeat(32), token: TOKEN });
      const banner = page.locator(".sdrs-error");
      await banner.waitFor();
      const text = await banner.textContent();
      assert.equal(text.split("Null job").length - 1, 1, `"Null job" once: ${text}`);
      const lines = await banner.evaluate((element) => [...element.children].map((child) => child.textContent.trim()).filter(Boolean));
      assert.ok(!lines.includes("Null job"), `no bare "Null job" line: ${JSON.stringify(lines)}`);
      if (locale === "zh") assert.match(text, /Job为空/, "in Chinese the catalogue's meaning translates the message");
    });
  }
});

describe("screenshots of the main views, both sizes, both languages", () => {
  for (const size of SIZES) {
    for (const locale of ["en", "zh"]) {
      test(`${size.width}×${size.height} ${locale}`, async () => {
        const page = await finished(size, "failover-fail", { locale });
        await page.click('button[data-action="durations"]');
        await page.click('button[data-action="show-failure"]');
        await page.waitForSelector(".sdrs-detail");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `nothing overflows sideways (${overflow} px)`);
        await page.screenshot({ path: `${screenshots}/operator-main-${size.width}-${locale}.png` });
      });
    }
  }
});
