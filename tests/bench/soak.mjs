// The soak benchmark: the npm widget in a vite host page (tests/npm/vite-app) watching a
// running 2,201-job failover with fast polling (every 100 to 300 ms) for `--minutes N`
// (default 30), in headless Chromium. Every 30 s it records the JS heap after a GC, the DOM
// size and the wasm memory (`wasmMemoryBytes()`), then prints the table, the growth from
// the first minute to the last, and the number of answers read. A console leaves the widget
// open all day: all three must stay flat. `cargo xtask bench soak [--minutes N]` builds the
// package and the page and runs this; it is a benchmark, not a test (nothing is judged).
import { resolve } from "node:path";
import { launchBrowser, newPage, PROJECT, startSimulator, TOKEN } from "../e2e/harness.mjs";

const minutesArgument = process.argv.indexOf("--minutes");
const MINUTES = minutesArgument > 0 ? Number(process.argv[minutesArgument + 1]) : 30;
const SAMPLE_MS = Math.min(30_000, (MINUTES * 60_000) / 4);
const dist = resolve(import.meta.dirname, "../npm/vite-app/dist");

const simulator = await startSimulator([], { dist });
const browser = await launchBrowser();
try {
  // Caught mid-flight, and slow enough to stay RUNNING for the whole soak; the page polls
  // it every 100-300 ms.
  const job = await simulator.createJob({ scenario: "large", speed: 0.015, elapsed_ms: 5_000 });
  const page = await newPage(browser);
  const session = await page.context().newCDPSession(page);
  await session.send("Performance.enable");
  let answers = 0;
  page.on("response", (response) => {
    if (response.url().includes(`/jobs/${job}`)) answers += 1;
  });
  await page.goto(`${simulator.base}/?${new URLSearchParams({ project: PROJECT, job, "token-for-test-only": TOKEN })}`);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.waitForSelector('#mounted .sdrs-header[data-status="RUNNING"]', { timeout: 60_000 });
  const samples = [];
  const started = Date.now();
  for (;;) {
    await session.send("HeapProfiler.collectGarbage");
    const { metrics } = await session.send("Performance.getMetrics");
    const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
    const { dom, wasm, status } = await page.evaluate(() => ({
      dom: document.getElementsByTagName("*").length,
      wasm: window.widgetMemoryBytes(),
      status: document.querySelector("#mounted .sdrs-header")?.dataset.status,
    }));
    const minute = (Date.now() - started) / 60_000;
    samples.push({ minute, heap, dom, wasm, status, answers });
    console.error(`soak: ${minute.toFixed(1)} min, heap ${(heap / 2 ** 20).toFixed(2)} MiB, DOM ${dom}, wasm ${(wasm / 2 ** 20).toFixed(2)} MiB, ${answers} answers, ${status}`);
    if (minute >= MINUTES) break;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, SAMPLE_MS));
  }
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(2);
  console.log("| minute | JS heap MiB | DOM elements | wasm memory MiB | answers read | status |");
  console.log("|---:|---:|---:|---:|---:|---|");
  for (const sample of samples) {
    console.log(`| ${sample.minute.toFixed(1)} | ${mib(sample.heap)} | ${sample.dom} | ${mib(sample.wasm)} | ${sample.answers} | ${sample.status} |`);
  }
  const [first, last] = [samples.find((sample) => sample.minute >= 1) ?? samples[0], samples.at(-1)];
  console.log(
    `\nfrom minute ${first.minute.toFixed(1)} to ${last.minute.toFixed(1)}: JS heap ${mib(last.heap - first.heap)} MiB, ` +
      `DOM ${last.dom - first.dom} elements, wasm ${mib(last.wasm - first.wasm)} MiB, over ${last.answers - first.answers} answers`,
  );
  if (page.problems.length > 0) console.log(`page problems: ${page.problems.join("; ")}`);
} finally {
  await browser.close();
  simulator.stop();
}
