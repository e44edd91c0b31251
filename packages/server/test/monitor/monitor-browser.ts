import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * The few DOM names the page-side callbacks below use. They run in the
 * browser; declaring them here keeps the DOM lib out of this project, where
 * it would change the types of Node's timers for all of its code.
 */
interface PageElement {
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly innerText: string;
  readonly hidden: boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
declare const document: PageElement;
declare const CSS: { escape(text: string): string };

/** Debian's Chromium; .ci/run installs it. Playwright never downloads a browser of its own here. */
const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go, kept as test artifacts: packages/server/test-artifacts/monitor/ (gitignored); from dist/test/monitor/ that is three levels up. */
const OUTPUT_DIR = fileURLToPath(new URL('../../../test-artifacts/monitor/', import.meta.url));

/** Launches headless Chromium; a missing browser fails with what to install rather than a Playwright trace. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'apt-get install -y chromium' (as .ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens the monitor of the server on `webPort` in a new context and waits until its event stream is live. */
export async function openMonitor(browser: Browser, webPort: number, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const errors: string[] = [];
  consoleErrorsOf.set(page, errors);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`http://127.0.0.1:${webPort}/`);
  try {
    await waitForConnection(page, 'open');
  } catch (err) {
    throw new Error(`the monitor did not go live (page errors: ${problems.join('; ') || 'none'}): ${(err as Error).message}`);
  }
  return page;
}

const consoleErrorsOf = new WeakMap<Page, string[]>();

/** What the page logged as errors (script errors, refused resources, policy violations) since it was opened. */
export function consoleErrors(page: Page): string[] {
  return consoleErrorsOf.get(page) ?? [];
}

/** Waits until the connection badge is in `state` (open, closed, connecting). */
export async function waitForConnection(page: Page, state: string, timeoutMs = 15000): Promise<void> {
  await page.waitForSelector(`#connection[data-state="${state}"]`, { timeout: timeoutMs });
}

/** One device row as text by column (data-field), or undefined when the row is not there. */
export async function deviceRow(page: Page, deviceId: string): Promise<Record<string, string> | undefined> {
  return page.evaluate((id) => {
    const row = document.querySelector(`#devices tr[data-device="${CSS.escape(id)}"]`);
    if (!row) return undefined;
    return Object.fromEntries([...row.querySelectorAll('td')].map((td) => [td.dataset['field'] ?? '', td.innerText.trim()]));
  }, deviceId);
}

/**
 * Waits until the row of `deviceId` has the expected text in each given
 * column (`undefined` expects no row at all); on timeout, fails showing
 * what the row said.
 */
export async function waitForRow(page: Page, deviceId: string, expected: Record<string, string> | undefined, timeoutMs = 15000): Promise<void> {
  try {
    await page.waitForFunction(
      ([id, want]) => {
        const row = document.querySelector(`#devices tr[data-device="${CSS.escape(id)}"]`);
        if (want === null) return row === null;
        if (!row) return false;
        return Object.entries(want).every(([field, text]) => row.querySelector(`td[data-field="${field}"]`)?.innerText.trim() === text);
      },
      [deviceId, expected ?? null] as const,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch {
    throw new Error(`device ${deviceId}: expected ${JSON.stringify(expected ?? 'no row')}, the page shows ${JSON.stringify((await deviceRow(page, deviceId)) ?? 'no row')}`);
  }
}

/** The event log's visible lines, newest first. */
export async function logLines(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('#log li:not([hidden])')].map((li) => li.innerText.replace(/\s+/g, ' ').trim()));
}

/** Writes a full-page screenshot to test-artifacts/monitor/NAME.png, prints its path and returns it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = `${OUTPUT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`      screenshot: ${path}`);
  return path;
}
