// The packed package in a page built by a real bundler (vite), in headless Chromium, against
// the simulator: the logic entry, the widget mounted into a host element, and the custom
// element in its shadow root.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newPage, PROJECT, screenshots, startSimulator, TOKEN } from "../e2e/harness.mjs";

let simulator;
let browser;

before(async () => {
  simulator = await startSimulator([], { dist: resolve(import.meta.dirname, "vite-app/dist") });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  simulator?.stop();
});

test("a vite page uses the logic, the mounted widget and the custom element", async () => {
  const watched = await simulator.createJob({ scenario: "failover", speed: 20 });
  const failed = await simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
  const page = await newPage(browser);
  const query = new URLSearchParams({ project: PROJECT, job: watched, "element-job": failed, "token-for-test-only": TOKEN });
  const response = await page.goto(`${simulator.base}/?${query}`);
  // The host page is served with the simulator's strict Content-Security-Policy: the widget
  // must work without 'unsafe-inline' or 'unsafe-eval' (any refusal is a page problem).
  const policy = (await response.allHeaders())["content-security-policy"] ?? "";
  assert.match(policy, /style-src 'self';/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  await page.waitForSelector('body[data-ready="yes"]');

  // The logic entry in the browser.
  const total = await page.evaluate(() => {
    const job = window.logic.parseJob('{"job_id":"a","status":"RUNNING","entities":{"sub_jobs":[{"job_id":"b","status":"SUCCESS"}]}}');
    return [window.logic.summarize(job).total, window.logic.layoutTimeline(job).rowCount];
  });
  assert.deepEqual(total, [2, 2]);
  // watchJob in the browser, with the page's fetch.
  const watchedStatus = await page.evaluate(
    async ({ project, job, token }) => (await window.logic.watchJob({ endpoint: "", projectId: project, jobId: job, token, policy: { minDelayMs: 50, maxDelayMs: 200 } })).status,
    { project: PROJECT, job: failed, token: TOKEN },
  );
  assert.equal(watchedStatus, "FAIL");
  // And in a web worker.
  const fromWorker = await page.evaluate(() =>
    window.inWorker('{"job_id":"w","status":"FAIL","error_code":"SDRS.0405","entities":{"sub_jobs":[{"job_id":"x","status":"FAIL"}]}}'),
  );
  assert.deepEqual(fromWorker, { jobId: "w", total: 2, failures: 2 });

  // The mounted widget watches its job to the end.
  await page.waitForSelector(`#mounted .sdrs-header[data-job-id="${watched}"][data-status="SUCCESS"]`, { timeout: 30_000 });
  assert.equal(await page.locator("#mounted .sdrs-row").count(), 17);

  // The custom element: shadow root, Chinese, dark, the failure at the top; no token attribute.
  const element = page.locator("sdrs-job-timeline");
  await element.locator('.sdrs-header[data-status="FAIL"]').waitFor();
  assert.match(await element.locator(".sdrs-failure").textContent(), /SDRS\.1308/);
  assert.equal(await element.locator(".sdrs-job-label").textContent(), "保护组故障切换");
  assert.equal(await element.locator(".sdrs-job-timeline").getAttribute("data-theme"), "dark");
  assert.equal(await element.getAttribute("token"), null);
  assert.equal(await page.evaluate(() => document.querySelector("sdrs-job-timeline").shadowRoot !== null), true);
  await page.screenshot({ path: `${screenshots}/npm-vite-host.png`, fullPage: true });

  // update() shows a job the host has; setOptions() switches back to watching; destroy() unmounts.
  await page.evaluate(() => window.mounted.update(window.parseForWidget('{"job_id":"host-job","status":"SUCCESS"}')));
  await page.waitForSelector('#mounted .sdrs-header[data-job-id="host-job"]');
  await page.evaluate((job) => window.mounted.setOptions({ endpoint: "", projectId: "0605767c3a00d4a52f4cc00a4d2b5e7a", jobId: job, token: "sim-demo-token" }), failed);
  await page.waitForSelector(`#mounted .sdrs-header[data-job-id="${failed}"]`);
  // setOptions merges: naming only another job keeps the endpoint, project and token.
  await page.evaluate((job) => window.mounted.setOptions({ jobId: job }), watched);
  await page.waitForSelector(`#mounted .sdrs-header[data-job-id="${watched}"][data-status="SUCCESS"]`);
  await page.evaluate(() => window.mounted.destroy());
  assert.equal(await page.locator("#mounted *").count(), 0, "destroy removes the widget");

  // Hostile host CSS does not reach into the custom element's shadow root, and ours does
  // not leak out: the host's own button keeps the host's style.
  const rowHeight = await element.locator(".sdrs-row").first().evaluate((row) => row.getBoundingClientRect().height);
  assert.equal(rowHeight, 26, "the host's [role=row] rule does not apply inside");
  assert.equal(await page.locator("#host-button").evaluate((button) => getComputedStyle(button).backgroundColor), "rgb(255, 255, 0)");

  // Removing the custom element destroys its widget too.
  await page.evaluate(() => document.querySelector("sdrs-job-timeline").remove());
  assert.deepEqual(page.problems, []);
});

test("widgets mounted together each ask for their job once, the first before any render", async () => {
  const failed = await simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
  const done = await simulator.createJob({ scenario: "failover", elapsed_ms: 600_000 });
  const page = await newPage(browser);
  await page.goto(`${simulator.base}/?${new URLSearchParams({ project: PROJECT })}`);
  await page.waitForSelector('body[data-ready="yes"]');
  const asked = await page.evaluate(
    async ({ project, token, jobs }) => {
      const calls = [];
      const hosts = jobs.map(() => {
        const host = document.createElement("div");
        host.className = "mounted-together";
        document.body.append(host);
        return host;
      });
      const fetch = (url, init) => {
        // Whether the widget had rendered when its request went out.
        const host = hosts[jobs.findIndex((job) => String(url).endsWith(`/jobs/${job}`))];
        calls.push({ url: String(url), rendered: host?.querySelector(".sdrs-job-timeline") != null });
        return window.fetch(url, init);
      };
      const handles = jobs.map((job, at) => window.mountJobTimeline(hosts[at], { endpoint: "", projectId: project, jobId: job, token, fetch }));
      await new Promise((resolve) => {
        const check = () =>
          document.querySelectorAll('.mounted-together .sdrs-header[data-status="FAIL"], .mounted-together .sdrs-header[data-status="SUCCESS"]').length === 2
            ? resolve()
            : setTimeout(check, 20);
        check();
      });
      // Finished jobs: no poll follows, whatever the wait.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const handle of handles) handle.destroy();
      return calls;
    },
    { project: PROJECT, token: TOKEN, jobs: [failed, done] },
  );
  const of = (job) => asked.filter((call) => call.url.endsWith(`/jobs/${job}`));
  assert.deepEqual([of(failed).length, of(done).length, asked.length], [1, 1, 2], JSON.stringify(asked));
  // The first widget's request goes out before the first render pass (the later ones' during
  // it: that pass renders every widget mounted in the same moment).
  assert.equal(asked[0].rendered, false, "the first request went out before the first render");
  await page.close();
});

test("a console page: three timelines behind the console's own proxy, each keeping to itself", async () => {
  const { startConsoleBackend, CSRF } = await import("./console-backend.mjs");
  const backend = await startConsoleBackend({
    dist: resolve(import.meta.dirname, "vite-app/dist"),
    upstream: simulator.base,
    token: TOKEN,
  });
  try {
    // The failover must still run at the widget's first answer, which comes after the vite
    // page, its wasm and the proxy are up: at speed 4 it runs 5.5 s (at 20, 1.1 s, which a
    // busy CI machine once spent loading the page, so the first answer was already the end).
    const failover = await simulator.createJob({ scenario: "failover", speed: 4 });
    const drill = await simulator.createJob({ scenario: "drill-fail", elapsed_ms: 600_000 });
    const page = await newPage(browser);
    await page.goto(`${backend.base}/embed.html?${new URLSearchParams({ project: PROJECT, failover, drill })}`);
    await page.waitForSelector('body[data-ready="yes"]');
    const drillElement = page.locator("#drill-element");
    await page.waitForSelector(`#failover .sdrs-header[data-status="SUCCESS"]`, { timeout: 30_000 });
    await drillElement.locator('.sdrs-header[data-status="FAIL"]').waitFor();
    await page.waitForSelector('#static .sdrs-header[data-job-id="static-root"]');
    // The board of both jobs (`jobIds`), over the same console transport.
    await page.waitForFunction(() => [...document.querySelectorAll('#board [data-role="board-row"]')].map((row) => row.dataset.status).join() === "SUCCESS,FAIL", null, { timeout: 30_000 });

    // Only the console's cookie and CSRF header went out: never a token, from any widget,
    // and the custom element used the fetch it was given before it was defined.
    assert.ok(backend.proxied.length >= 3);
    for (const request of backend.proxied) {
      assert.deepEqual([request.session, request.csrf, request.token], [true, CSRF, null], JSON.stringify(request));
    }
    assert.ok(backend.proxied.some((request) => request.path.endsWith(`/jobs/${drill}`)));

    // Events: each widget's own, once each where once is promised.
    const events = await page.evaluate(() => window.events);
    const of = (widget, type) => events.filter((event) => event.widget === widget && event.type === type);
    assert.ok(of("failover", "status-change").some((event) => event.detail.statusKind === "RUNNING"), JSON.stringify(events));
    assert.equal(of("failover", "finished").length, 1);
    assert.equal(of("failover", "finished")[0].detail.status, "SUCCESS");
    assert.equal(of("failover", "finished")[0].detail.summary.progress, 1);
    assert.equal(of("drill-element", "finished").length, 1, "the element's event crossed its shadow root");
    const drillEnd = of("drill-element", "finished")[0].detail;
    assert.equal(drillEnd.status, "FAIL");
    assert.equal(drillEnd.jobType, "createDisasterRecoveryDrill", "the end says what ended");
    assert.equal(drillEnd.summary.failures.find((failure) => failure.isOrigin).errorCode, "SDRS.0406");
    assert.equal(of("static", "finished").length, 0, "a job the page gave is not watched");
    assert.deepEqual(of("failover", "error"), []);
    assert.deepEqual(of("board", "finished").map((event) => [event.detail.jobId, event.detail.status]).sort(), [[drill, "FAIL"], [failover, "SUCCESS"]].sort(), "each job of the board ends once");
    // The mounted widget's Export menu, behind the console's own auth: the session record
    // names the console's proxy and holds no credential (no cookie, CSRF header or token).
    await page.click('#failover [data-role="export"] summary');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('#failover [data-action="export-session"]')]);
    const recordText = await readFile(await download.path(), "utf8");
    const record = JSON.parse(recordText);
    assert.equal(record.jobId, failover);
    assert.ok(record.history.answers >= 2, `${record.history.answers} answers`);
    assert.ok(!recordText.includes(CSRF) && !recordText.includes(TOKEN), "no credential in the record");
    assert.ok(!record.endpoint.includes(simulator.base), `the console's own endpoint: ${record.endpoint}`);

    // Into a job and back: its timeline and the board's new loops tell nothing again.
    await page.click(`#board [data-role="board-row"][data-job-id="${drill}"] [data-action="board-open"]`);
    await page.waitForSelector(`#board .sdrs-header[data-job-id="${drill}"][data-status="FAIL"]`);
    await page.click('#board button[data-action="board-back"]');
    await page.waitForFunction(() => [...document.querySelectorAll('#board [data-role="board-row"]')].map((row) => row.dataset.status).join() === "SUCCESS,FAIL");
    await page.waitForTimeout(500);
    const again = (await page.evaluate(() => window.events)).filter((event) => event.widget === "board");
    assert.equal(again.filter((event) => event.type === "finished").length, 2, JSON.stringify(again.map((event) => [event.type, event.detail.jobId])));

    // Every id is unique across the page and its shadow roots, and each grid's active
    // descendant is a row of its own widget.
    const ids = await page.evaluate(() => {
      const roots = [document, ...[...document.querySelectorAll("sdrs-job-timeline")].map((element) => element.shadowRoot)];
      return roots.flatMap((root) => [...root.querySelectorAll("[id]")].map((element) => element.id));
    });
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`);
    const active = (section) => page.locator(`${section} [role="treegrid"]`).getAttribute("aria-activedescendant");
    for (const [section, other] of [["#failover", "#static"], ["#static", "#failover"]]) {
      const otherBefore = await active(other);
      const grid = page.locator(`${section} [role="treegrid"]`);
      await grid.focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const owner = await grid.evaluate((element) => {
        const id = element.getAttribute("aria-activedescendant");
        return document.getElementById(id)?.closest("section")?.id;
      });
      assert.equal(`#${owner}`, section, "the active row is one of this widget's");
      assert.equal(await active(other), otherBefore, `keys in ${section} leave ${other} alone`);
    }
    const drillGrid = drillElement.locator('[role="treegrid"]');
    await drillGrid.focus();
    await page.keyboard.press("ArrowDown");
    const inOwnShadow = await drillGrid.evaluate((element) => element.getRootNode().getElementById(element.getAttribute("aria-activedescendant")) !== null);
    assert.ok(inOwnShadow, "the element's active row is in its own shadow root");

    // The operator's tools work as embedded, in the element's shadow root too: the duration
    // column (styled by the widget's own sheet there), its sort, the time under the pointer.
    await drillElement.locator('button[data-action="durations"]').click();
    const cell = drillElement.locator('[data-role="duration-cell"]').first();
    await cell.waitFor();
    assert.equal(await cell.evaluate((element) => getComputedStyle(element).textAlign), "right");
    await drillElement.locator('button[data-action="sort-duration"]').click();
    assert.equal(await drillElement.locator('button[data-action="sort-duration"]').getAttribute("data-order"), "descending");
    await drillElement.locator('[data-role="axis"]').hover();
    await drillElement.locator('[data-role="pointer-time"]').waitFor();

    // Selecting in one widget tells that widget's host only.
    const before = (await page.evaluate(() => window.events)).length;
    await page.locator('#static .sdrs-row[data-job-id="static-b"]').click();
    await page.waitForFunction((count) => window.events.length > count, before);
    const selects = (await page.evaluate(() => window.events)).slice(before).filter((event) => event.type === "select");
    assert.deepEqual(
      selects.map((event) => [event.widget, event.detail?.jobId, event.detail?.errorCode]),
      [["static", "static-b", "SDRS.0406"]],
    );
    await page.screenshot({ path: `${screenshots}/npm-console-embed.png`, fullPage: true });

    // Watching another job through setOptions: its events are its own, told once each,
    // none of them repeats the first job's.
    const count = (await page.evaluate(() => window.events)).length;
    await page.evaluate((job) => window.failover.setOptions({ jobId: job }), drill);
    await page.waitForSelector(`#failover .sdrs-header[data-job-id="${drill}"][data-status="FAIL"]`);
    await page.waitForFunction(
      (at) => window.events.slice(at).some((event) => event.widget === "failover" && event.type === "finished"),
      count,
    );
    const later = (await page.evaluate(() => window.events)).slice(count).filter((event) => event.widget === "failover");
    const changes = later.filter((event) => event.type === "status-change");
    assert.deepEqual(changes.map((event) => [event.detail.jobId, event.detail.previousKind]), [[drill, null]], JSON.stringify(later));
    const ends = later.filter((event) => event.type === "finished");
    assert.deepEqual(ends.map((event) => [event.detail.jobId, event.detail.status]), [[drill, "FAIL"]]);

    // A token given for one endpoint does not follow setOptions({ endpoint }) to another.
    await page.evaluate(
      ({ project, job }) =>
        window.still.setOptions({ endpoint: "/console-api/sdrs", projectId: project, jobId: job, token: "widget-token-1", fetch: window.consoleFetch }),
      { project: PROJECT, job: drill },
    );
    await page.waitForSelector(`#static .sdrs-header[data-job-id="${drill}"]`);
    await page.evaluate(() => window.still.setOptions({ endpoint: "/console-api/elsewhere/" }));
    const tokens = (prefix) => backend.proxied.filter((request) => request.path.startsWith(prefix)).map((request) => request.token);
    for (let tries = 0; tries < 500 && tokens("/console-api/elsewhere/").length === 0; tries += 1) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
    }
    assert.ok(tokens("/console-api/sdrs/").includes("widget-token-1"), "sent where it was given");
    assert.ok(tokens("/console-api/elsewhere/").length >= 1, "the new endpoint was asked");
    assert.deepEqual([...new Set(tokens("/console-api/elsewhere/"))], [null], "and not given the token");

    // The element's `job-ids` attribute makes it a board of those jobs, in its shadow root.
    await page.evaluate((ids) => document.getElementById("drill-element").setAttribute("job-ids", ids), `${failover}, ${drill}`);
    await drillElement.locator('[data-role="board-row"][data-status="FAIL"]').waitFor();
    assert.deepEqual(await drillElement.locator('[data-role="board-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.jobId)), [failover, drill]);
    await page.evaluate(() => document.getElementById("drill-element").removeAttribute("job-ids"));
    await drillElement.locator(".sdrs-header").waitFor();

    // The same for the custom element: a new `endpoint` attribute does not inherit the token.
    await page.evaluate(() => {
      document.getElementById("drill-element").token = "element-token-2";
    });
    for (let tries = 0; tries < 500 && !tokens("/console-api/sdrs/").includes("element-token-2"); tries += 1) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
    }
    assert.ok(tokens("/console-api/sdrs/").includes("element-token-2"), "the element sent its token where it was given");
    await page.evaluate(() => document.getElementById("drill-element").setAttribute("endpoint", "/console-api/moved"));
    for (let tries = 0; tries < 500 && tokens("/console-api/moved/").length === 0; tries += 1) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
    }
    assert.ok(tokens("/console-api/moved/").length >= 1, "the element asked its new endpoint");
    assert.deepEqual([...new Set(tokens("/console-api/moved/"))], [null], "without the old endpoint's token");
    assert.deepEqual(page.problems, []);
  } finally {
    backend.stop();
  }
});
