// The page under a strict Content-Security-Policy: no 'unsafe-inline', no 'unsafe-eval'
// ('wasm-unsafe-eval' only). The simulator serves the page with that header in every
// end-to-end test, and the harness fails any test during which Chromium refused
// something; here we check the header itself, that it is really enforced, and that a
// tour of the whole widget works under it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setUpConsole } from "./harness.mjs";

const consolePage = setUpConsole();

describe("Content-Security-Policy", () => {
  test("the page is served with a strict policy", async () => {
    const response = await fetch(`${consolePage.simulator.base}/`);
    const policy = response.headers.get("content-security-policy");
    assert.ok(policy, "a Content-Security-Policy header");
    const directives = Object.fromEntries(
      policy.split(";").map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    assert.deepEqual(directives["default-src"], ["'none'"]);
    assert.deepEqual(directives["style-src"], ["'self'"]);
    assert.ok(directives["script-src"].includes("'wasm-unsafe-eval'"));
    for (const value of directives["script-src"]) {
      assert.ok(["'self'", "'wasm-unsafe-eval'"].includes(value) || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(value), value);
    }
    assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|\*;|\s\*\s/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  test("the policy is enforced: an inline style attribute is refused (the control)", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    const colour = await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.setAttribute("style", "color: rgb(255, 0, 0)");
      document.body.append(probe);
      return getComputedStyle(probe).color;
    });
    assert.notEqual(colour, "rgb(255, 0, 0)");
    await page.waitForFunction(() => true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(page.cspViolations.length, 1, "Chromium reported the refused style");
    // The refusal is this test's point: it is expected, not a problem.
    page.expectProblems(/^CSP violation: /);
  });

  test("the widget works under it: rows, bars, ticks, zoom, overview, tooltip, details", async () => {
    const page = await consolePage.open("/?sample=large-10k");
    await page.waitForSelector(".sdrs-row");
    // Positions set through the CSSOM took effect.
    const tops = await page.locator(".sdrs-row").evaluateAll((rows) => rows.slice(0, 3).map((row) => getComputedStyle(row).top));
    assert.deepEqual(tops, ["0px", "26px", "52px"]);
    const bar = await page.locator(".sdrs-row >> nth=1 >> .sdrs-bar").evaluate((element) => getComputedStyle(element).width);
    assert.notEqual(bar, "auto");
    await page.focus('[role="treegrid"]');
    for (const key of ["ArrowDown", "ArrowDown", "+", "+", "d", "Enter", "?"]) await page.keyboard.press(key);
    await page.waitForSelector(".sdrs-detail");
    await page.waitForSelector(".sdrs-help");
    await page.hover(".sdrs-row >> nth=3");
    await page.waitForSelector(".sdrs-tooltip");
    await page.click('button[data-action="collapse-all"]');
    await page.click('button[data-action="expand-all"]');
    assert.deepEqual(page.problems, []);
  });
});
