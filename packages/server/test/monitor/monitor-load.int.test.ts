import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { request, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';
import { launchChromium, logLines, openMonitor, screenshot, waitForRow } from './monitor-browser.js';

const DEVICES = 2000;
const deviceId = (i: number) => String(50000 + i);

/** What the calls may be answered: a call the core has no channel left for is tracked all the same. */
const ACCEPTED = ['API_OK', 'API_RECORDING_STARTED', 'API_RECORDING_STOPPED', 'API_ERROR_NO_FREE_CHANNELS'];

/** Sends the requests pipelined on one connection and checks every reply. */
async function pipeline(client: XmlClient, requests: string[]): Promise<void> {
  await client.write(requests.join(''));
  const replies = await client.read(requests.length, 60000);
  const failed = replies.filter((reply) => !ACCEPTED.includes(tag(reply, 'RESULTTYPE')!));
  assert.equal(failed.length, 0, failed[0]);
}

/** The page's device rows and header counts, read in one go. */
function tableState(page: Page): Promise<{ rows: number; calls: string; idle: number }> {
  return page.evaluate(() => ({
    rows: document.querySelectorAll('#devices tbody tr[data-device]').length,
    idle: document.querySelectorAll('#devices tbody tr.idle').length,
    calls: document.querySelector('[data-count="calls"]')?.textContent ?? '',
  }));
}

describe('live monitor page with 2,000 devices and a burst of events', function () {
  this.timeout(120000);
  let browser: Browser;
  let t: TestHost;
  let client: XmlClient;

  before(async () => {
    browser = await launchChromium();
    t = await startTestHost();
    // Fewer channels than calls: some calls record, the rest are only tracked, as on a busy site.
    t.addCore(new InTestRecorder(1, 64));
    client = await t.client();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('keeps every row and ends on the last event, live and again from the snapshot of a freshly opened page', async () => {
    const page = await openMonitor(browser, t.webPort);
    let id = 0;
    const next = () => ++id;
    await pipeline(client, Array.from({ length: DEVICES }, (_, i) => request('CALLSTART', next(), { DEVICEID: deviceId(i), ANI: `555${i}`, DNIS: '8005550100' })));

    // The burst: every other device hangs up, and every tenth of those calls again with a new number.
    const burst: string[] = [];
    for (let i = 0; i < DEVICES; i += 2) {
      burst.push(request('CALLSTOP', next(), { DEVICEID: deviceId(i) }));
      if (i % 20 === 0) burst.push(request('CALLSTART', next(), { DEVICEID: deviceId(i), ANI: `777${i}` }));
    }
    burst.push(request('CALLSTART', next(), { DEVICEID: 'LAST', ANI: '9990000' }));
    await pipeline(client, burst);
    const expectedCalls = DEVICES / 2 + DEVICES / 20 + 1;

    await waitForRow(page, 'LAST', { state: 'In call', ani: '9990000' }, 60000);
    await page.waitForFunction((calls) => document.querySelector('[data-count="calls"]')?.textContent === calls, String(expectedCalls), { timeout: 60000 });
    assert.deepEqual(await tableState(page), { rows: DEVICES + 1, calls: String(expectedCalls), idle: DEVICES / 2 - DEVICES / 20 });
    await waitForRow(page, deviceId(1998), { state: 'Idle' });
    await waitForRow(page, deviceId(1999), { state: 'In call', ani: '5551999' });
    await waitForRow(page, deviceId(20), { state: 'In call', ani: '77720' });
    const log = await logLines(page);
    assert.equal(log.length, 500, 'the log keeps the last 500 events');
    assert.match(log[0]!, /CALLSTART LAST 9990000/);
    // Rows stay in device order however they arrived.
    const order = await page.evaluate(() => [...document.querySelectorAll('#devices tbody tr')].slice(0, 3).map((row) => row.getAttribute('data-device')));
    assert.deepEqual(order, [deviceId(0), deviceId(1), deviceId(2)]);
    await screenshot(page, 'monitor-2000-devices');

    const fresh = await openMonitor(browser, t.webPort);
    await waitForRow(fresh, 'LAST', { state: 'In call', ani: '9990000' }, 60000);
    await fresh.waitForFunction((calls) => document.querySelector('[data-count="calls"]')?.textContent === calls, String(expectedCalls), { timeout: 60000 });
    await fresh.waitForFunction((rows) => document.querySelectorAll('#devices tbody tr[data-device]').length === rows, DEVICES + 1, { timeout: 60000 });
    await waitForRow(fresh, deviceId(20), { state: 'In call', ani: '77720' });
    await Promise.all([page.context().close(), fresh.context().close()]);
  });
});

/** Page-side DOM names (see monitor-browser.ts: the project has no DOM lib). */
interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
