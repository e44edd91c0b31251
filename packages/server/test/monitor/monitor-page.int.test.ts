import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';
import { consoleErrors, deviceRow, launchChromium, logLines, openMonitor, screenshot, waitForRow } from './monitor-browser.js';

describe('live monitor page in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;

  before(async () => (browser = await launchChromium()));
  after(() => browser?.close());

  describe('calls made through the API', () => {
    let t: TestHost;
    let client: XmlClient;
    let page: Page;
    const call = async (type: string, params: Record<string, string>) => {
      const reply = await send(client, type, params);
      assert.ok(['API_OK', 'API_RECORDING_STARTED', 'API_RECORDING_STOPPED'].includes(tag(reply, 'RESULTTYPE')!), reply);
    };

    before(async () => {
      // The site renames its fields; the headings must follow.
      t = await startTestHost({ terminology: { deviceid: 'Extension', ani: 'Caller' } });
      t.addCore(new InTestRecorder(1, 4));
      client = await t.client();
      // A device whose call ended before the page opened is known only from DEVICELIST.
      await call('CALLSTART', { DEVICEID: '2999', ANI: '100' });
      await call('CALLSTOP', { DEVICEID: '2999' });
      page = await openMonitor(browser, t.webPort);
    });
    after(async () => {
      await page?.context().close();
      await t?.close();
    });

    it('names the columns from the terminology table and lists a device known only from DEVICELIST as idle', async () => {
      const headings = await page.evaluate(() => [...document.querySelectorAll('#devices th')].map((th) => th.innerText.trim()));
      assert.deepEqual(headings, ['Extension', 'Agent Number', 'State', 'Direction', 'Caller', 'Number Called DNIS', 'Agent', 'Fields', 'Elapsed', 'Recording']);
      await waitForRow(page, '2999', { state: 'Idle', ani: '', recording: '' });
    });

    it('shows a new call with its direction, numbers, agent and a REC badge, and its elapsed time ticks', async () => {
      await call('CALLSTART', { DEVICEID: '2001', DEVICEALIAS: '501', ANI: '5551234', DNIS: '8005550100', CALLDIRECTION: 'I', SYS_USER: 'jdoe' });
      await waitForRow(page, '2001', { alias: '501', state: 'In call', direction: 'Inbound', ani: '5551234', dnis: '8005550100', agent: 'jdoe', recording: 'REC' });
      const before = (await deviceRow(page, '2001'))!['elapsed']!;
      assert.match(before, /^0:0\d$/);
      await page.waitForFunction((was) => document.querySelector('tr[data-device="2001"] td[data-field="elapsed"]')?.innerText.trim() !== was, before, { timeout: 5000 });
      assert.deepEqual(await figures(page, 'count'), { devices: '2', calls: '1', recording: '1', paused: '0' });
    });

    it('turns the badge to BLACKED OUT on RECORDINGPAUSED and back to REC on RECORDINGRESUMED', async () => {
      await call('CALLSTART', { DEVICEID: '2002', ANI: '5550002', DNIS: '8005550100', CALLDIRECTION: 'O' });
      await waitForRow(page, '2002', { direction: 'Outbound', recording: 'REC' });
      await call('BLACKOUTSTART', { DEVICEID: '2002' });
      await waitForRow(page, '2002', { state: 'In call', recording: 'BLACKED OUT' });
      assert.equal(await page.getAttribute('tr[data-device="2002"]', 'class'), 'active paused');
      await call('BLACKOUTSTOP', { DEVICEID: '2002' });
      await waitForRow(page, '2002', { recording: 'REC' });
    });

    it('shows each call of a device with two call instances, and only the one left after one stops', async () => {
      await call('CALLSTART', { DEVICEID: '2003', CALLINSTANCE: 'a', ANI: '111' });
      await call('CALLSTART', { DEVICEID: '2003', CALLINSTANCE: 'b', ANI: '222' });
      await waitForRow(page, '2003', { state: 'In call\nIn call', ani: '111\n222' });
      await call('CALLSTOP', { DEVICEID: '2003', CALLINSTANCE: 'a' });
      await waitForRow(page, '2003', { state: 'In call', ani: '222' });
    });

    it('returns a device to idle when its call stops, and shows the core\'s channels as they change', async () => {
      await page.waitForSelector('#channels .core[data-core="1"] li[data-device="2001"]', { timeout: 5000 });
      await call('CALLSTOP', { DEVICEID: '2001' });
      await waitForRow(page, '2001', { state: 'Idle', ani: '', recording: '' });
      // RECORD events ask for CHANNELS again; the channel 2001 held is free now.
      await page.waitForSelector('#channels .core[data-core="1"] li[data-device="2001"]', { state: 'detached', timeout: 5000 });
      const heading = await page.textContent('#channels .core[data-core="1"] h3');
      assert.match(heading ?? '', /^Core 1 · \d of 4 busy$/);
    });

    it('shows the SYSTEMSTATUS figures', async () => {
      await page.waitForFunction(() => !document.querySelector('#system')!.innerText.includes('…'), undefined, { timeout: 5000 });
      const system = await figures(page, 'figure');
      assert.match(system['disk']!, /^\d+\.\d GB \(\d+\.\d\d%\)$/);
      assert.match(system['ram']!, /^\d+%$/);
      assert.match(system['uptime']!, /^\d+d \d+h \d+m$/);
    });

    it('logs every event newest first, and filters the log by class and by text', async () => {
      await call('CALLSTART', { DEVICEID: '2004', ANI: '5559999', DNIS: '8005550100' });
      await page.waitForFunction(() => document.querySelector('#log li')?.innerText.includes('RECORDINGSTARTED 2004'), undefined, { timeout: 5000 });
      const lines = await logLines(page);
      // Events carry their own TIME (event contract v2): shown as is, not marked '≈' as a receive time would be.
      assert.match(lines[0]!, /^\d\d:\d\d:\d\d RECORDINGSTARTED 2004 5559999 → 8005550100 .*core 1 channel \d/);
      assert.match(lines[1]!, /^\d\d:\d\d:\d\d CALLSTART 2004 5559999 → 8005550100/);
      assert.ok(lines.some((l) => l.includes('RECORDINGPAUSED 2002')), 'the blackout is in the log');

      await page.selectOption('#log-class', 'RECORD');
      const record = await logLines(page);
      assert.ok(record.length > 0 && record.every((l) => /RECORDING/.test(l)), record.join('\n'));
      await page.selectOption('#log-class', 'ALL');
      await page.fill('#log-filter', '5559999');
      const filtered = await logLines(page);
      assert.equal(filtered.length, 2, filtered.join('\n'));
      assert.ok(filtered.every((l) => l.includes('5559999')));
      assert.match((await page.textContent('#log-count')) ?? '', /^2 of \d+$/);
      await page.fill('#log-filter', '');
      assert.ok((await logLines(page)).length > 2);
    });

    it('hides idle devices on request and writes a screenshot', async () => {
      await page.check('#only-active');
      assert.equal(await page.isVisible('tr[data-device="2999"]'), false);
      assert.equal(await page.isVisible('tr[data-device="2002"]'), true);
      await page.uncheck('#only-active');
      await call('BLACKOUTSTART', { DEVICEID: '2004' });
      await waitForRow(page, '2004', { recording: 'BLACKED OUT' });
      const path = await screenshot(page, 'monitor-live');
      assert.ok(existsSync(path));
      assert.deepEqual(consoleErrors(page), [], 'nothing refused by the content security policy, no script errors');
    });
  });

  describe('with auth.required', () => {
    let t: TestHost;

    before(async () => {
      t = await startTestHost({ auth: { required: true } });
      t.addCore(new InTestRecorder(1, 2));
      const client = await t.client();
      await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'supervisor', PASSWORD: 'wallb0ard', FIRSTNAME: 'Sue', LASTNAME: 'Pervisor' });
      await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Wallboards' });
      await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Wallboards', PERMISSIONNAME: 'ALLOWAPIAUTH' });
      await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Wallboards', USERNAME: 'supervisor' });
      await send(client, 'CALLSTART', { DEVICEID: '3001', ANI: '5553001' });
    });
    after(() => t?.close());

    it('goes live with the credentials the browser was given: the WebSocket and WebAPI requests carry them', async () => {
      const page = await openMonitor(browser, t.webPort, { httpCredentials: { username: 'supervisor', password: 'wallb0ard' } });
      try {
        await waitForRow(page, '3001', { state: 'In call', ani: '5553001', recording: 'REC' });
        await page.waitForSelector('#channels .core[data-core="1"]', { timeout: 5000 });
        assert.equal(await page.isVisible('#problem'), false, (await page.textContent('#problem')) ?? '');
      } finally {
        await page.context().close();
      }
    });

    it('challenges a browser without credentials, which (headless, with nobody to ask) shows nothing', async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const challenges: string[] = [];
        page.on('response', (response) => challenges.push(`${response.status()} ${response.headers()['www-authenticate']}`));
        await assert.rejects(page.goto(`http://127.0.0.1:${t.webPort}/`), /ERR_INVALID_AUTH_CREDENTIALS/);
        assert.deepEqual(challenges, ['401 Basic realm="Callwire"']);
      } finally {
        await context.close();
      }
    });
  });
});

/** The header's figures (`data-count` or `data-figure`) by name. */
function figures(page: Page, kind: 'count' | 'figure'): Promise<Record<string, string>> {
  return page.evaluate((attribute) => Object.fromEntries(
    [...document.querySelectorAll(`[data-${attribute}]`)].map((dd) => [dd.getAttribute(`data-${attribute}`) ?? '', dd.textContent ?? '']),
  ), kind);
}

/** Page-side DOM names (see monitor-browser.ts: the project has no DOM lib). */
interface PageElement {
  readonly innerText: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
};
