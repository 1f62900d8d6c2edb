// Shared set-up of the browser end-to-end tests: the real simulator serving the real
// release build of the console page (same origin), and headless Chromium via
// playwright-core. `cargo xtask test` builds both and runs `node --test tests/e2e/`.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { after, afterEach, before } from "node:test";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshots = resolve(root, "target/screenshots");
mkdirSync(screenshots, { recursive: true });

export const PROJECT = "0605767c3a00d4a52f4cc00a4d2b5e7a";
export const TOKEN = "sim-demo-token";

/** Starts the simulator serving `dist` (default: the built console page); resolves with its
 *  base URL, a createJob() and a stop(). `dist: null` serves the API only. */
export async function startSimulator(extraArgs = [], { dist = process.env.SDRS_DIST ?? resolve(root, "target/dist") } = {}) {
  const binary = process.env.SDRS_SIM_BIN ?? resolve(root, "target/debug/sdrs-sim");
  const statics = dist ? ["--static-dir", dist] : [];
  const child = spawn(binary, ["--listen", "127.0.0.1:0", ...statics, "--no-seed", ...extraArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const base = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error("simulator did not start within 20 s")), 20_000);
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
    lines.on("line", (line) => {
      const match = /^sdrs-sim listening on (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
  });
  return {
    base,
    async createJob(body) {
      const response = await fetch(`${base}/sim/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": TOKEN },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST /sim/jobs: ${response.status} ${await response.text()}`);
      return (await response.json()).job_id;
    },
    /** Fills the Task Center: `{ count, server_group_id }` synthetic entries, or `{ seed: true }`. */
    async addFailures(body) {
      const response = await fetch(`${base}/sim/task-center`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": TOKEN },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST /sim/task-center: ${response.status} ${await response.text()}`);
      return (await response.json()).added;
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}

/** Headless Chromium as this machine runs it. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The problems an HTTP error answer of `status` leaves, for a test that asks for one:
 *  the answer itself and the line Chromium logs for it. */
export function httpErrors(status) {
  return [new RegExp(`^HTTP ${status} GET `), new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} `)];
}

/** A fresh page that records every problem: an uncaught page error, a dialog (an XSS
 *  probe), a console error, a Content-Security-Policy refusal, a failed request (other
 *  than the page's own aborts) and an HTTP error answer. `page.problems` lists those the
 *  test did not declare with `page.expectProblems(...patterns)`; the harness fails every
 *  test that leaves one (see `setUpConsole`), so a test that shows an error says so. */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const seen = [];
  const expected = [];
  page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    seen.push(`dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  // The page is served with a strict Content-Security-Policy; Chromium reports each
  // refused inline style or script on the console. Any such report fails the test.
  page.cspViolations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      page.cspViolations.push(message.text());
      seen.push(`CSP violation: ${message.text()}`);
    } else if (message.type() === "error") {
      seen.push(`console error: ${message.text()}`);
    }
  });
  page.on("requestfailed", (request) => {
    // The page's own aborts (a job switched, a body over its cap, a widget destroyed)
    // are its choice, not a failure.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") {
      seen.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400) seen.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.expectProblems = (...patterns) => expected.push(...patterns);
  Object.defineProperty(page, "problems", {
    get: () => seen.filter((problem) => !expected.some((pattern) => pattern.test(problem))),
  });
  return page;
}

/** Fills the job form and submits it. */
/** With a job shown the console folds its form and samples away: brings them back. */
export async function showSources(page) {
  const change = page.locator('button[data-action="change-job"]');
  if (await change.count()) await change.click();
}

export async function watchJob(page, { project = PROJECT, job, token = TOKEN, endpoint = "" }) {
  await showSources(page);
  if (endpoint) await page.fill('input[name="endpoint"]', endpoint);
  await page.fill('input[name="project"]', project);
  await page.fill('input[name="job"]', job);
  await page.fill('input[name="token"]', token);
  await page.click('button[data-action="watch"]');
}

/** Registers a simulator serving the console and a browser for the current test file;
 *  returns `open(path, colorScheme)` for a fresh page there, and the simulator. */
export function setUpConsole() {
  const context = { simulator: null, browser: null, pages: [] };
  before(async () => {
    context.simulator = await startSimulator();
    context.browser = await launchBrowser();
  });
  after(async () => {
    await context.browser?.close();
    context.simulator?.stop();
  });
  // No test may leave a problem it did not expect: a page error, a console error, a
  // failed request or an HTTP error it did not declare, or any CSP refusal.
  afterEach(async () => {
    const pages = context.pages.splice(0);
    const problems = pages.flatMap((page) => page.problems);
    await Promise.all(pages.map((page) => page.context().close()));
    if (problems.length > 0) throw new Error(`the page had problems the test did not expect:\n${problems.join("\n")}`);
  });
  return {
    get simulator() {
      return context.simulator;
    },
    get browser() {
      return context.browser;
    },
    /** A fresh page at `path` of the console, once the page has started. */
    async open(path = "/", colorScheme = "light", contextOptions = {}) {
      const page = await newPage(context.browser, contextOptions);
      context.pages.push(page);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${context.simulator.base}${path}`);
      await page.waitForSelector(".sdrs-console");
      return page;
    },
  };
}
