// The console page (and the widget in it) against a hostile server, in Chromium: each case
// ends in a clear, final message while the page stays responsive, and nothing reaches the
// second origin. And a crafted link cannot send the kept token to another server unasked.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startHostile } from "../hostile/server.mjs";
import { httpErrors, PROJECT, setUpConsole, showSources, TOKEN, watchJob } from "./harness.mjs";

const SECRET = "MIIsecret-browser-token-0123456789";

describe("a hostile server", () => {
  const site = setUpConsole();
  let hostile;
  before(async () => {
    hostile = await startHostile();
  });
  after(() => hostile?.stop());

  /** Watches `job` on the hostile server; resolves with the error banner's code. */
  async function errorOf(page, job) {
    await watchJob(page, { endpoint: hostile.base, project: "p", job, token: SECRET });
    const banner = page.locator(".sdrs-error[data-error-code]");
    await banner.waitFor({ timeout: 30_000 });
    return { code: await banner.getAttribute("data-error-code"), text: await banner.textContent() };
  }

  /** The page still answers and still works: a sample opens at once. */
  async function stillResponsive(page) {
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    await showSources(page);
    await page.selectOption('select[name="sample"]', "failover-failed");
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
  }

  for (const [job, code, says, status] of [
    ["many-empty", "TOO_MANY_JOBS", /more jobs than/],
    ["endless", "TOO_LARGE", /limit of 67108864 bytes/],
    ["huge-error", "TOO_LARGE", /limit of 65536 bytes for an error answer/, 500],
    ["html", "NOT_API", /This is not the SDRS API/, 404],
  ]) {
    test(`${job}: ${code}, said clearly, and the page stays responsive`, async () => {
      const page = await site.open("/");
      if (status) page.expectProblems(...httpErrors(status));
      const error = await errorOf(page, job);
      assert.equal(error.code, code);
      assert.match(error.text, says);
      assert.doesNotMatch(error.text, /Retrying/, "a cap is final");
      assert.ok(!error.text.includes(SECRET));
      assert.equal(hostile.counts[job], 1, `${job} was asked once`);
      await stillResponsive(page);
      assert.deepEqual(page.problems, []);
    });
  }

  test("a redirect to another origin is not followed, so the token stays", async () => {
    const page = await site.open("/");
    const error = await errorOf(page, "redirect");
    assert.equal(error.code, "REDIRECT");
    assert.match(error.text, /redirected the request \(not followed\)/);
    assert.deepEqual(hostile.collected(), [], "nothing (not even a preflight) reached the second origin");
  });

  test("a link to another server asks before it sends the kept token", async () => {
    const page = await site.open("/");
    // Keep a token in this tab, the way a user does.
    const job = await site.simulator.createJob({ scenario: "create-protection-group", elapsed_ms: 60_000 });
    await page.check('input[name="remember"]');
    await watchJob(page, { job, token: TOKEN });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    const link = (endpoint) => `/?${new URLSearchParams({ endpoint, project: PROJECT, job: "stolen" })}`;

    // A link naming another server: nothing is sent until the user chooses.
    await page.goto(`${site.simulator.base}${link(hostile.collectorBase)}`);
    const prompt = page.locator(".sdrs-link-prompt");
    await prompt.waitFor();
    assert.match(await prompt.textContent(), new RegExp(hostile.collectorBase.replace(/[.]/g, "\\.")));
    assert.deepEqual(hostile.collected(), [], "no request before the choice");
    await page.click('button[data-action="link-without-token"]');
    await page.waitForFunction(() => document.querySelector(".sdrs-link-prompt") === null);
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    const asked = hostile.collected().filter((entry) => entry.method === "GET");
    assert.ok(asked.length >= 1);
    assert.ok(asked.every((entry) => entry.headers["x-auth-token"] === undefined), "watched without the token");

    // Choosing to send it sends it (the user's informed choice).
    await page.goto(`${site.simulator.base}${link(hostile.collectorBase)}`);
    await page.click('button[data-action="link-send-token"]');
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    assert.ok(hostile.collected().some((entry) => entry.headers["x-auth-token"] === TOKEN));
    // A link to the page's own server needs no question.
    await page.goto(`${site.simulator.base}/?${new URLSearchParams({ endpoint: site.simulator.base, project: PROJECT, job })}`);
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    assert.equal(await page.locator(".sdrs-link-prompt").count(), 0);
    assert.deepEqual(page.problems, []);
  });
});
