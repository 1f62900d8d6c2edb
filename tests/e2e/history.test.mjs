// What the page's answers showed of a watched job, and when (issue 13): the wait in INIT
// drawn before a bar, and the detail panel's list of a sub-job's observed changes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setUpConsole, watchJob } from "./harness.mjs";

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
