// Memory of the page in use: watching another large job must not keep the last one.
// Wasm memory never shrinks, so a tree kept alive while the next is read shows as growth:
// before the fix, a polling loop held the state it started with (the last job's tree), and
// the second job of a size doubled the memory. Sizes are compared, nothing is timed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newPage, PROJECT, setUpConsole, showSources, TOKEN } from "./harness.mjs";

const consolePage = setUpConsole();

function recordWasm() {
  addEventListener("TrunkApplicationStarted", (event) => (window.__wasm = event.detail.wasm));
}

const wasmBytes = (page) => page.evaluate(() => window.__wasm.memory.buffer.byteLength);
const rowsMarks = (page) => page.evaluate(() => performance.getEntriesByName("sdrs-job-timeline:rows").length);

describe("memory of the page in use", () => {
  test("watching another 20,000-job failover reuses the memory of the last", async () => {
    const shape = { instances: 20_000, steps: 0 };
    const create = () => consolePage.simulator.createJob({ scenario: "large", elapsed_ms: 86_400_000, shape });
    const [first, second, third] = [await create(), await create(), await create()];
    const page = await newPage(consolePage.browser);
    try {
      await page.addInitScript(recordWasm);
      await page.goto(`${consolePage.simulator.base}/`);
      await page.waitForSelector(".sdrs-console");
      const atStart = await wasmBytes(page);
      const watch = async (job) => {
        const marks = await rowsMarks(page);
        await showSources(page);
        await page.fill('input[name="project"]', PROJECT);
        await page.fill('input[name="job"]', job);
        await page.fill('input[name="token"]', TOKEN);
        await page.click('button[data-action="watch"]');
        await page.waitForFunction((marks) => performance.getEntriesByName("sdrs-job-timeline:rows").length > marks, marks, { timeout: 120_000 });
      };
      await watch(first);
      const oneJob = await wasmBytes(page);
      const firstCost = oneJob - atStart;
      assert.ok(firstCost > 4 * 1024 * 1024, `a 20,000-job tree takes memory (${firstCost} bytes)`);
      await watch(second);
      await watch(third);
      const grown = (await wasmBytes(page)) - oneJob;
      assert.ok(
        grown <= firstCost / 2,
        `two more jobs of that size grew wasm memory by ${grown} bytes; the first took ${firstCost}`,
      );
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});
