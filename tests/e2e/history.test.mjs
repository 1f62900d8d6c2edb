// What the page's answers showed of a watched job, and when (issue 13): the wait in INIT
// drawn before a bar, and the detail panel's list of a sub-job's observed changes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { httpErrors, PROJECT, setUpConsole, showSources, TOKEN, watchJob } from "./harness.mjs";

const consolePage = setUpConsole();

describe("observed history", () => {
  test("a live failover watched to its end shows each sub-job's wait in INIT and its changes", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 4 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector(`.sdrs-header[data-job-id="${job}"]`);
    // While the job runs, a sub-job still waiting has a segment that grows with the clock.
    await page.waitForSelector('.sdrs-row[data-status="INIT"] [data-role="observed-init"]');
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]', { timeout: 60_000 });
    // The last step of the last protected instance started last: it was seen waiting.
    const last = page.locator('.sdrs-row[data-depth="2"]').last();
    const waited = Number(await last.locator('[data-role="observed-init"]').getAttribute("data-init-ms"));
    assert.ok(waited > 0, `the last instance waited ${waited} ms`);
    assert.match(await last.locator('[data-role="observed-init"]').getAttribute("title"), /waited .* in INIT/);
    await last.click();
    const panel = page.locator(".sdrs-detail");
    await panel.locator('[data-role="observed"]').waitFor();
    const changes = await panel.locator('[data-role="observed"] li').evaluateAll((items) =>
      items.map((item) => ({ kind: item.dataset.change, at: Number(item.dataset.atMs), text: item.textContent })),
    );
    assert.equal(changes[0].kind, "appeared");
    assert.match(changes[0].text, /seen: INIT/);
    const started = changes.find((change) => change.kind === "status" && !/INIT/.test(change.text));
    assert.ok(started, JSON.stringify(changes));
    assert.equal(started.at - changes[0].at, waited, "the segment is the wait the list shows");
    assert.deepEqual(
      changes.map((change) => change.kind).filter((kind) => kind === "began" || kind === "ended"),
      ["began", "ended"],
      JSON.stringify(changes),
    );
    assert.match(changes.at(-1).text + changes.map((change) => change.text).join(" "), /became SUCCESS/);
    for (let index = 1; index < changes.length; index += 1) assert.ok(changes[index].at >= changes[index - 1].at, "oldest first");
    assert.match(await panel.locator('[data-role="observed-init-text"]').textContent(), /waited .* in INIT/);
  });

  test("replay: scrubbed back to the first moment, a sub-job is INIT again; played to the end; Live returns", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 4 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]', { timeout: 60_000 });
    const replay = page.locator('[data-role="replay"]');
    await replay.waitFor();
    const lastStep = page.locator('.sdrs-row[data-depth="2"]').last();
    const lastStepId = await lastStep.getAttribute("data-job-id");
    const step = page.locator(`.sdrs-row[data-job-id="${lastStepId}"]`);
    assert.equal(await step.getAttribute("data-status"), "SUCCESS");
    // The keyboard drives the scrubber: Home is the first observed moment.
    await page.focus('[data-action="replay-scrub"]');
    await page.keyboard.press("Home");
    await page.waitForSelector('[data-role="replay"][data-moment="0"]');
    assert.equal(await step.getAttribute("data-status"), "INIT", "the last step had not started at the first answer");
    assert.notEqual(await page.getAttribute(".sdrs-header", "data-status"), "SUCCESS", "the header is as it was then");
    assert.match(await page.textContent('[data-role="replay-where"]'), /as at .* · moment 1 of \d+/);
    // Its wait is drawn up to the moment shown, not to its real start.
    const waitedThen = Number(await step.locator('[data-role="observed-init"]').getAttribute("data-init-ms"));
    assert.equal(waitedThen, 0, "at the first moment it had only just been seen");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector('[data-role="replay"][data-moment="1"]');
    // Played at 30×, it moves through every moment and stops at the last.
    await page.selectOption('[data-action="replay-speed"]', "30");
    await page.click('[data-action="replay-play"]');
    const moments = Number(await page.getAttribute('[data-action="replay-scrub"]', "max"));
    await page.waitForSelector(`[data-role="replay"][data-moment="${moments}"]`, { timeout: 30_000 });
    await page.waitForSelector('[data-action="replay-play"][aria-pressed="false"]');
    assert.equal(await step.getAttribute("data-status"), "SUCCESS", "the last moment is the job's end");
    await page.click('[data-action="replay-live"]');
    await page.waitForSelector('[data-role="replay"]:not([data-moment])');
    assert.equal(await page.getAttribute(".sdrs-header", "data-status"), "SUCCESS");
    assert.equal(await page.textContent('[data-role="replay-where"]'), "Live");
  });

  test("export for audit: the session record reopened offline replays to a moment a sub-job was INIT", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", speed: 4 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]', { timeout: 60_000 });
    const lastStepId = await page.locator('.sdrs-row[data-depth="2"]').last().getAttribute("data-job-id");
    const exported = async (action) => {
      if (!(await page.locator('[data-role="export"]').evaluate((menu) => menu.open))) await page.click('[data-role="export"] summary');
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-action="${action}"]`)]);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
    };

    // The last answer, byte for byte as the service sent it.
    const answer = await exported("export-answer");
    assert.equal(answer.name, `sdrs-job-${job}.json`);
    const sent = await fetch(`${consolePage.simulator.base}/v1/${PROJECT}/jobs/${job}`, { headers: { "x-auth-token": TOKEN } });
    assert.equal(answer.text, await sent.text());

    // The session record: what the page knew, every answer's time, never the token.
    const session = await exported("export-session");
    assert.equal(session.name, `sdrs-job-${job}.session.json`);
    assert.ok(!session.text.includes(TOKEN), "no credential in the record");
    const record = JSON.parse(session.text);
    assert.equal(record.format, "sdrs-job-timeline/session");
    assert.deepEqual([record.projectId, record.jobId, record.endpoint], [PROJECT, job, ""]);
    assert.equal(record.history.answerTimes.length, record.history.answers);
    assert.ok(record.history.answers >= 3, `${record.history.answers} answers`);
    assert.equal(record.lastAnswer, answer.text);

    // The Chrome trace: one complete event per started job, nested by depth.
    const trace = JSON.parse((await exported("export-chrome-trace")).text);
    const events = trace.traceEvents.filter((event) => event.ph === "X");
    assert.equal(events.length, await page.locator(".sdrs-row").count(), "every job of the finished failover started");
    assert.ok(events.every((event) => event.dur >= 0 && event.name));
    const otlp = JSON.parse((await exported("export-otlp")).text);
    assert.equal(otlp.resourceSpans[0].scopeSpans[0].spans.length, events.length);

    // Offline, in a fresh page: the record opens from a file and replays.
    const offline = await consolePage.open("/");
    await offline.context().setOffline(true);
    const requests = [];
    offline.on("request", (request) => requests.push(request.url()));
    await offline.setInputFiles('input[data-action="open-file"]', { name: session.name, mimeType: "application/json", buffer: Buffer.from(session.text) });
    await offline.waitForSelector(`.sdrs-header[data-job-id="${job}"][data-status="SUCCESS"]`);
    const step = offline.locator(`.sdrs-row[data-job-id="${lastStepId}"]`);
    assert.equal(await step.getAttribute("data-status"), "SUCCESS");
    assert.ok(Number(await step.locator('[data-role="observed-init"]').getAttribute("data-init-ms")) > 0, "its wait is in the record");
    await offline.focus('[data-action="replay-scrub"]');
    await offline.keyboard.press("Home");
    await offline.waitForSelector('[data-role="replay"][data-moment="0"]');
    assert.equal(await step.getAttribute("data-status"), "INIT");
    assert.deepEqual(requests, [], "opened and replayed without a request");
    // A broken record is refused, saying where, and the job shown stays.
    await showSources(offline);
    const broken = session.text.replace('"moments":[', '"moments":[99999999999999,');
    await offline.setInputFiles('input[data-action="open-file"]', { name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    await offline.waitForSelector('[data-role="paste-error"]');
    assert.match(await offline.textContent('[data-role="paste-error"]'), /session record: .*moments/);
    assert.equal(await offline.getAttribute(".sdrs-header", "data-job-id"), job);
  });

  test("the timeline as an image: the SVG holds the rows as laid out, the PNG is drawn from it", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    const exported = async (action) => {
      if (!(await page.locator('[data-role="export"]').evaluate((menu) => menu.open))) await page.click('[data-role="export"] summary');
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-action="${action}"]`)]);
      return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
    };
    const onScreen = () => page.locator(".sdrs-row").evaluateAll((rows) => rows.map((row) => [row.dataset.jobId, row.dataset.status]));
    const rowsOf = (svg) => [...svg.matchAll(/<g data-row="(\d+)" data-job-id="([^"]*)" data-status="([^"]*)"/g)].map((match) => [match[2], match[3]]);
    const all = await exported("export-svg");
    assert.match(all.name, /^sdrs-job-[0-9a-f]+\.svg$/);
    const svg = all.bytes.toString("utf8");
    assert.ok(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert.deepEqual(rowsOf(svg), await onScreen(), "the rows, in the order on screen");
    assert.equal((svg.match(/data-role="bar"/g) ?? []).length, 10, "every started job has its bar");
    assert.match(svg, /SDRS\.0406/, "the failure's code is in the report");
    // Folded as on screen: the image follows.
    await page.click('button[data-action="collapse-all"]');
    await page.waitForFunction(() => document.querySelectorAll(".sdrs-row").length < 10);
    const folded = rowsOf((await exported("export-svg")).bytes.toString("utf8"));
    assert.deepEqual(folded, await onScreen());
    // The PNG: a real image, twice the SVG's size for print.
    const png = (await exported("export-png")).bytes;
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 2400, "width");
    assert.ok(png.length > 2_000, `${png.length} bytes`);
  });

  test("statistics by job type: the fixture's known numbers, sortable by each column", async () => {
    const page = await consolePage.open("/?sample=failover-failed");
    await page.waitForSelector(".sdrs-row");
    assert.equal(await page.locator(".sdrs-stats-table").count(), 0, "nothing computed while closed");
    await page.click('[data-role="statistics"] summary');
    const table = () =>
      page.locator(".sdrs-stats-table tbody tr").evaluateAll((rows) =>
        rows.map((row) => Object.fromEntries([["type", row.dataset.jobType], ...[...row.children].map((cell) => [cell.dataset.col, cell.textContent])])),
      );
    await page.waitForSelector(".sdrs-stats-table tbody tr");
    const rows = await table();
    assert.equal(rows.length, 4);
    assert.equal(rows[0].type, "failoverProtectionGroupNoCG", "longest first");
    const instances = rows.find((row) => row.type === "failoverProtectedInstanceNoCG");
    assert.deepEqual([instances.count, instances.failures], ["3", "1"]);
    assert.deepEqual([instances.min, instances.median, instances.max], ["38.8s", "51.25s", "1m 28s"], JSON.stringify(instances));
    assert.equal(rows.reduce((sum, row) => sum + Number(row.count), 0), 10);
    // Sorted by median, shortest first after a second click.
    await page.click('button[data-sort="median"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="median"])', "aria-sort"), "descending");
    await page.click('button[data-sort="median"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="median"])', "aria-sort"), "ascending");
    assert.equal((await table())[0].type, "stopServerNew");
    await page.click('button[data-sort="label"]');
    const labels = (await table()).map((row) => row.label);
    assert.deepEqual(labels, [...labels].sort());
  });

  test("compare two runs: another job by its id, then a file, biggest slow-down first", async () => {
    const before = await consolePage.simulator.createJob({ scenario: "failover", elapsed_ms: 600_000 });
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
    await page.click('[data-role="compare"] summary');
    await page.fill('[data-action="compare-job-id"]', before);
    await page.click('[data-action="compare-fetch"]');
    await page.waitForSelector(".sdrs-compare-table tbody tr");
    const rows = await page.locator(".sdrs-compare-table tbody tr").evaluateAll((rows) =>
      rows.map((row) => ({ path: row.dataset.path, only: row.dataset.only ?? null, delta: row.dataset.deltaMs === undefined ? null : Number(row.dataset.deltaMs) })),
    );
    const jobs = await page.locator(".sdrs-row").count();
    assert.ok(rows.length >= jobs, `${rows.length} rows for ${jobs} jobs`);
    assert.equal(rows.filter((row) => row.path === "").length, 1, "the roots match each other");
    // Each step's tooltip: its job types, then what matched the pair, with no empty line.
    const titles = await page.locator(".sdrs-compare-table tbody tr").evaluateAll((rows) => rows.map((row) => [row.dataset.path, row.querySelector("th").title]));
    for (const [path, title] of titles) {
      assert.ok(title.startsWith(path) && !title.split("\n").includes(""), JSON.stringify([path, title]));
    }
    const deltas = rows.filter((row) => row.delta !== null).map((row) => row.delta);
    assert.ok(deltas.length > 0);
    assert.deepEqual(deltas, [...deltas].sort((x, y) => y - x), "biggest slow-down first");
    const firstOnly = rows.findIndex((row) => row.only !== null);
    if (firstOnly >= 0) assert.ok(rows.slice(firstOnly).every((row) => row.only !== null || row.delta === null), "one run's steps last");
    assert.match(await page.textContent('[data-role="compare-summary"]'), /steps compared, slowest first/);
    // A job id that is not there says so, in the panel.
    page.expectProblems(...httpErrors(404));
    await page.fill('[data-action="compare-job-id"]', "ff8080826b45d4a5016b503624200000");
    await page.click('[data-action="compare-fetch"]');
    await page.waitForSelector('[data-role="compare-error"]');
    // The same run from a file: every step matched, no difference.
    const answer = await (await fetch(`${consolePage.simulator.base}/v1/${PROJECT}/jobs/${job}`, { headers: { "x-auth-token": TOKEN } })).text();
    await page.setInputFiles('[data-action="compare-file"]', { name: "same.json", mimeType: "application/json", buffer: Buffer.from(answer) });
    await page.waitForSelector(".sdrs-compare-table tbody tr");
    const same = await page.locator(".sdrs-compare-table tbody tr").evaluateAll((rows) => rows.map((row) => [row.dataset.only ?? "", row.dataset.deltaMs ?? ""]));
    assert.equal(same.length, jobs);
    assert.ok(same.every(([only, delta]) => only === "" && (delta === "0" || delta === "")), JSON.stringify(same));
  });

  test("the compare panel's request ends with the panel, and a newer source wins over it", async () => {
    const slow = await consolePage.simulator.createJob({ scenario: "failover", elapsed_ms: 600_000, faults: ["latency=20000", "latency=20000"] });
    const job = await consolePage.simulator.createJob({ scenario: "failover-fail", elapsed_ms: 600_000 });
    const next = await consolePage.simulator.createJob({ scenario: "failover", elapsed_ms: 600_000 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="FAIL"]');
    const ended = new Promise((resolve) => page.on("requestfailed", (request) => request.url().endsWith(`/jobs/${slow}`) && resolve(request.failure()?.errorText)));
    const asked = page.waitForRequest((request) => request.url().endsWith(`/jobs/${slow}`));
    await page.click('[data-role="compare"] summary');
    await page.fill('[data-action="compare-job-id"]', slow);
    await page.click('[data-action="compare-fetch"]');
    await asked;
    await page.waitForSelector('[data-role="compare-loading"]');
    // A file chosen meanwhile is what the panel shows, and the slow request is dropped.
    const answer = await (await fetch(`${consolePage.simulator.base}/v1/${PROJECT}/jobs/${job}`, { headers: { "x-auth-token": TOKEN } })).text();
    await page.setInputFiles('[data-action="compare-file"]', { name: "same.json", mimeType: "application/json", buffer: Buffer.from(answer) });
    assert.equal(await ended, "net::ERR_ABORTED", "the request for the other run was aborted");
    await page.waitForSelector(".sdrs-compare-table tbody tr");
    // Asked again, then the job changed under the panel: the request ends with it.
    const again = new Promise((resolve) => page.on("requestfailed", (request) => request.url().endsWith(`/jobs/${slow}`) && resolve(request.failure()?.errorText)));
    await page.fill('[data-action="compare-job-id"]', slow);
    const askedAgain = page.waitForRequest((request) => request.url().endsWith(`/jobs/${slow}`));
    await page.click('[data-action="compare-fetch"]');
    await askedAgain;
    await watchJob(page, { job: next });
    await page.waitForSelector(`.sdrs-header[data-job-id="${next}"]`);
    assert.equal(await again, "net::ERR_ABORTED");
  });

  test("a job that had ended by its first answer records nothing to list", async () => {
    const job = await consolePage.simulator.createJob({ scenario: "failover", elapsed_ms: 600_000 });
    const page = await consolePage.open("/");
    await watchJob(page, { job });
    await page.waitForSelector('.sdrs-header[data-status="SUCCESS"]');
    assert.equal(await page.locator('[data-role="observed-init"]').count(), 0);
    await page.locator('.sdrs-row[data-depth="2"]').last().click();
    await page.locator(".sdrs-detail").waitFor();
    assert.equal(await page.locator('.sdrs-detail [data-role="observed"]').count(), 0);
    assert.equal(await page.locator('[data-role="replay"]').count(), 0, "nothing to replay");
  });
});
