// Navigating time: zoom and pan of the axis by buttons, keys, wheel and drag; drag across
// the axis to zoom into a range; the overview strip (drawn on a canvas, the same few
// elements at any size) showing and moving the visible window.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { screenshots, setUpConsole } from "./harness.mjs";

const consolePage = setUpConsole();

/** The overview's window as fractions of the whole job, and the visible-span text. */
async function windowState(page) {
  return page.evaluate(() => {
    const frame = document.querySelector('[data-role="overview-window"]');
    return {
      left: Number(frame.dataset.left),
      right: Number(frame.dataset.right),
      span: document.querySelector('[data-role="visible-span"]').textContent,
      ticks: [...document.querySelectorAll(".sdrs-tick")].map((tick) => tick.textContent),
    };
  });
}

/** Waits until the window differs from `before`. */
async function changed(page, before) {
  await page.waitForFunction(
    ([left, right]) => {
      const frame = document.querySelector('[data-role="overview-window"]');
      return Number(frame.dataset.left) !== left || Number(frame.dataset.right) !== right;
    },
    [before.left, before.right],
  );
  return windowState(page);
}

async function box(page, selector) {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector} is laid out`);
  return found;
}

describe("zoom and pan", () => {
  test("buttons zoom in and out around the centre, and reset shows the whole job", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    const whole = await windowState(page);
    assert.deepEqual([whole.left, whole.right, whole.span], [0, 1, "Whole job"]);
    assert.ok(await page.locator('button[data-action="zoom-reset"]').isDisabled());

    await page.click('button[data-action="zoom-in"]');
    const zoomed = await changed(page, whole);
    // One step shows two thirds of the job, centred.
    assert.ok(Math.abs(zoomed.right - zoomed.left - 2 / 3) < 0.01, JSON.stringify(zoomed));
    assert.ok(Math.abs((zoomed.left + zoomed.right) / 2 - 0.5) < 0.01);
    assert.match(zoomed.span, / of /);
    assert.notDeepEqual(zoomed.ticks, whole.ticks);
    // Relative labels still count from the job's start, not from the window's.
    assert.notEqual(zoomed.ticks[0], "0");

    await page.click('button[data-action="zoom-in"]');
    const closer = await changed(page, zoomed);
    assert.ok(closer.right - closer.left < zoomed.right - zoomed.left);
    await page.click('button[data-action="zoom-out"]');
    const out = await changed(page, closer);
    await page.click('button[data-action="zoom-reset"]');
    const reset = await changed(page, out);
    assert.deepEqual([reset.left, reset.right, reset.span], [0, 1, "Whole job"]);
  });

  test("dragging across the axis zooms into that range; bars outside it point off-screen", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    const before = await windowState(page);
    const axis = await box(page, '[data-role="axis"]');
    const y = axis.y + axis.height / 2;
    await page.mouse.move(axis.x + axis.width * 0.6, y);
    await page.mouse.down();
    await page.mouse.move(axis.x + axis.width * 0.45, y, { steps: 4 });
    assert.equal(await page.locator('[data-role="zoom-band"]').count(), 1, "the range is shown while dragging");
    await page.mouse.move(axis.x + axis.width * 0.2, y, { steps: 4 });
    await page.mouse.up();
    const after = await changed(page, before);
    assert.ok(Math.abs(after.left - 0.2) < 0.01 && Math.abs(after.right - 0.6) < 0.01, JSON.stringify(after));
    assert.equal(await page.locator('[data-role="zoom-band"]').count(), 0);
    // Every drawn bar lies inside the bar column; some jobs are now off-screen markers.
    const column = await box(page, '[data-role="axis"]');
    for (const bar of await page.locator(".sdrs-bar").all()) {
      const bounds = await bar.boundingBox();
      assert.ok(bounds.x >= column.x - 1 && bounds.x + bounds.width <= column.x + column.width + 1);
    }
    assert.ok((await page.locator(".sdrs-bar-offscreen, .sdrs-bar.is-cut-left, .sdrs-bar.is-cut-right").count()) > 0);
    // Tick labels stay inside the axis and never touch each other.
    const labels = await page.locator(".sdrs-tick").evaluateAll((ticks) => ticks.map((tick) => tick.getBoundingClientRect().toJSON()));
    assert.ok(labels.length >= 3);
    for (const [index, label] of labels.entries()) {
      assert.ok(label.left >= column.x - 1 && label.right <= column.x + column.width + 1, `label ${index} is cut`);
      if (index > 0) assert.ok(label.left > labels[index - 1].right, `labels ${index - 1} and ${index} overlap`);
    }
    await page.screenshot({ path: `${screenshots}/zoomed-range.png` });
  });

  test("keys zoom and pan from the grid (+ - W S A D 0)", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.focus('[role="treegrid"]');
    const whole = await windowState(page);
    await page.keyboard.press("+");
    const zoomed = await changed(page, whole);
    await page.keyboard.press("w");
    const closer = await changed(page, zoomed);
    assert.ok(closer.right - closer.left < zoomed.right - zoomed.left);
    await page.keyboard.press("d");
    const later = await changed(page, closer);
    assert.ok(later.left > closer.left, "D pans later in time");
    await page.keyboard.press("a");
    const earlier = await changed(page, later);
    assert.ok(earlier.left < later.left, "A pans earlier");
    await page.keyboard.press("s");
    const wider = await changed(page, earlier);
    assert.ok(wider.right - wider.left > earlier.right - earlier.left);
    await page.keyboard.press("0");
    const reset = await changed(page, wider);
    assert.deepEqual([reset.left, reset.right], [0, 1]);
    // The shortcuts list them.
    await page.keyboard.press("?");
    assert.match(await page.locator(".sdrs-help").textContent(), /Zoom the time axis/);
  });

  test("Ctrl+wheel zooms around the pointer; a plain wheel scrolls the rows; Shift+wheel pans", async () => {
    const page = await consolePage.open("/?sample=large-10k");
    await page.waitForSelector(".sdrs-row");
    const whole = await windowState(page);
    const axis = await box(page, '[data-role="axis"]');
    const scroller = await box(page, ".sdrs-scroller");
    // A plain wheel over the rows scrolls them and leaves the axis alone.
    await page.mouse.move(axis.x + axis.width * 0.25, scroller.y + 200);
    await page.mouse.wheel(0, 600);
    await page.waitForFunction(() => document.querySelector(".sdrs-scroller").scrollTop > 0);
    assert.deepEqual(await windowState(page).then(({ left, right }) => [left, right]), [whole.left, whole.right]);
    // Ctrl+wheel zooms, keeping the instant under the pointer (a quarter across) in place.
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -300);
    await page.keyboard.up("Control");
    const zoomed = await changed(page, whole);
    const anchor = zoomed.left + 0.25 * (zoomed.right - zoomed.left);
    assert.ok(Math.abs(anchor - 0.25) < 0.01, `the pointer's instant moved: ${JSON.stringify(zoomed)}`);
    await page.keyboard.down("Shift");
    await page.mouse.wheel(0, 200);
    await page.keyboard.up("Shift");
    const panned = await changed(page, zoomed);
    assert.ok(panned.left > zoomed.left);
    // A plain wheel over the axis zooms (there is nothing to scroll there).
    await page.mouse.move(axis.x + axis.width * 0.5, axis.y + axis.height / 2);
    await page.mouse.wheel(0, -300);
    const closer = await changed(page, panned);
    assert.ok(closer.right - closer.left < panned.right - panned.left);
  });

  test("dragging the bars pans a zoomed axis without selecting a row", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="zoom-in"]');
    const zoomed = await windowState(page);
    const axis = await box(page, '[data-role="axis"]');
    const row = await box(page, '.sdrs-row[data-depth="1"]');
    const y = row.y + row.height / 2;
    await page.mouse.move(axis.x + axis.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(axis.x + axis.width * 0.3, y, { steps: 5 });
    await page.mouse.up();
    const panned = await changed(page, zoomed);
    // Dragged left by a fifth of the column: later by a fifth of the window.
    const shift = (panned.left - zoomed.left) / (zoomed.right - zoomed.left);
    assert.ok(Math.abs(shift - 0.2) < 0.02, `shift ${shift}`);
    assert.equal(await page.locator(".sdrs-detail").count(), 0, "the drag did not open a row's details");
    // A click (no drag) still selects.
    await page.mouse.click(axis.x + axis.width * 0.3, y);
    await page.waitForSelector(".sdrs-detail");
  });
});

describe("the overview strip", () => {
  test("draws the whole job on one canvas, the same few elements at 10,000 jobs", async () => {
    const page = await consolePage.open("/?sample=large-10k");
    await page.waitForSelector(".sdrs-row");
    const elements = await page.locator('[data-role="overview"] *').count();
    assert.ok(elements <= 6, `${elements} elements in the overview`);
    const painted = await page.waitForFunction(() => {
      const canvas = document.querySelector(".sdrs-overview-canvas");
      if (!canvas || canvas.width === 0) return false;
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) coloured += 1;
      return coloured > canvas.width * 4 ? coloured : false;
    });
    assert.ok((await painted.jsonValue()) > 0);
    const canvas = await box(page, ".sdrs-overview-canvas");
    const axis = await box(page, '[data-role="axis"]');
    assert.ok(Math.abs(canvas.x - axis.x) < 2 && Math.abs(canvas.width - axis.width) < 2, "aligned with the axis");
  });

  test("marks where jobs failed", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    const failed = await page.waitForFunction(() => {
      const canvas = document.querySelector(".sdrs-overview-canvas");
      if (!canvas || canvas.width === 0) return false;
      // The top rows of the strip hold only failure marks.
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, 2).data;
      for (let index = 0; index < pixels.length; index += 4) {
        const [red, green, blue, alpha] = pixels.slice(index, index + 4);
        if (alpha > 0 && red > 150 && green < 90 && blue < 90) return true;
      }
      return false;
    });
    assert.ok(await failed.jsonValue());
  });

  test("redraws in the theme's colours when the system switches to dark", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    const hasColour = (rgb) =>
      page.waitForFunction((rgb) => {
        const canvas = document.querySelector(".sdrs-overview-canvas");
        if (!canvas || canvas.width === 0) return false;
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        for (let index = 0; index < pixels.length; index += 4) {
          if (pixels[index + 3] === 255 && rgb.every((value, channel) => Math.abs(pixels[index + channel] - value) <= 2)) return true;
        }
        return false;
      }, rgb);
    await hasColour([0x1a, 0x7f, 0x37]); // --sdrs-success, light
    await page.emulateMedia({ colorScheme: "dark" });
    await hasColour([0x3f, 0xb9, 0x50]); // --sdrs-success, dark
  });

  test("shows the visible range, moves it by drag, centres it by click, and picks a range", async () => {
    const page = await consolePage.open("/?sample=large-10k");
    await page.waitForSelector(".sdrs-row");
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="zoom-in"]');
    const zoomed = await windowState(page);
    const strip = await box(page, '[data-role="overview"]');
    const frame = await box(page, '[data-role="overview-window"]');
    assert.ok(Math.abs(frame.x - (strip.x + zoomed.left * strip.width)) < 2, "the frame shows the window");
    const y = strip.y + strip.height / 2;
    // Drag the frame to the right by a tenth of the strip.
    await page.mouse.move(frame.x + frame.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width / 2 + strip.width * 0.1, y, { steps: 5 });
    await page.mouse.up();
    const moved = await changed(page, zoomed);
    assert.ok(Math.abs(moved.left - zoomed.left - 0.1) < 0.01, JSON.stringify(moved));
    assert.ok(Math.abs(moved.right - moved.left - (zoomed.right - zoomed.left)) < 1e-6, "same zoom");
    // Click near the start: the window is centred there (as far as the start allows).
    await page.mouse.click(strip.x + strip.width * 0.02, y);
    const centred = await changed(page, moved);
    assert.equal(centred.left, 0);
    // Drag across a free part of the strip: that range is shown.
    await page.mouse.move(strip.x + strip.width * 0.7, y);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width * 0.9, y, { steps: 5 });
    await page.mouse.up();
    const picked = await changed(page, centred);
    assert.ok(Math.abs(picked.left - 0.7) < 0.01 && Math.abs(picked.right - 0.9) < 0.01, JSON.stringify(picked));
    await page.screenshot({ path: `${screenshots}/overview-picked.png` });
  });
});
