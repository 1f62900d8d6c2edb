// Booting on a link to one job: the page sends the job's request before its first render
// (which, on a first visit, runs cold code), and its watch takes that answer rather than
// asking again. Order and counts are checked, nothing is timed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newPage, PROJECT, setUpConsole, TOKEN } from "./harness.mjs";

const consolePage = setUpConsole();

/** Records, in the page, every fetch it makes, with when. */
function recordBoot(token) {
  sessionStorage.setItem("sdrs-console.token", token);
  window.__boot = { fetches: [] };
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    window.__boot.fetches.push({ url: String(input), at: performance.now() });
    return fetch.call(this, input, init);
  };
}

describe("booting on a link to a job", () => {
  test("the job is asked before the first render, and only once", async () => {
    const job = await consolePage.simulator.createJob({
      scenario: "large",
      elapsed_ms: 86_400_000,
      shape: { instances: 200, steps: 2 },
    });
    const page = await newPage(consolePage.browser);
    try {
      const asked = [];
      page.on("request", (request) => {
        if (request.url().includes(`/jobs/${job}`)) asked.push(request.url());
      });
      await page.addInitScript(recordBoot, TOKEN);
      await page.goto(`${consolePage.simulator.base}/?project=${PROJECT}&job=${job}`);
      await page.waitForFunction(() => performance.getEntriesByName("sdrs-job-timeline:rows").length > 0, null, {
        timeout: 60_000,
      });
      await page.waitForSelector(".sdrs-job-timeline .sdrs-row");
      const boot = await page.evaluate(() => window.__boot);
      const jobFetches = boot.fetches.filter((fetch) => fetch.url.includes(`/jobs/${job}`));
      assert.equal(jobFetches.length, 1, `the job was fetched ${jobFetches.length} times`);
      // The page's own marks: its first render, and each job request as it goes out.
      const [rendered, requested] = await page.evaluate(() =>
        ["sdrs-console:render", "sdrs-job-timeline:request"].map((name) => performance.getEntriesByName(name).map((mark) => mark.startTime)),
      );
      assert.equal(rendered.length, 1, "one first render");
      assert.equal(requested.length, 1, "one request");
      assert.ok(
        requested[0] < rendered[0] && jobFetches[0].at < rendered[0],
        `the request went out at ${requested[0]} ms (fetch at ${jobFetches[0].at} ms), after the first render began at ${rendered[0]} ms`,
      );
      // The job ended before it was asked: one answer, no second request.
      assert.equal(asked.length, 1, `the server was asked ${asked.length} times: ${asked}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });

  test("a link to another server, with a kept token, asks nothing before the user confirms", async () => {
    const page = await newPage(consolePage.browser);
    try {
      const asked = [];
      page.on("request", (request) => {
        if (request.url().startsWith("http://sdrs.example.invalid")) asked.push(request.url());
      });
      await page.addInitScript(recordBoot, TOKEN);
      const endpoint = encodeURIComponent("http://sdrs.example.invalid");
      await page.goto(`${consolePage.simulator.base}/?project=${PROJECT}&job=some-job&endpoint=${endpoint}`);
      await page.waitForSelector(".sdrs-link-prompt");
      assert.deepEqual(asked, []);
      const fetches = await page.evaluate(() => window.__boot.fetches.map((fetch) => fetch.url));
      assert.deepEqual(fetches.filter((url) => url.includes("/jobs/")), []);
    } finally {
      await page.context().close();
    }
  });
});
