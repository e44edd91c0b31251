import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus, TOKENS, type PublishedEvent, type Storage } from '@callwire/core';
import type { Browser, Page } from 'playwright-core';
import type { CallwireHost } from '../../src/host/callwire-host.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { consoleErrors, launchChromium, openMonitor, screenshot, waitForConnection, waitForRow } from './monitor-browser.js';
import { startMonitorHost } from './monitor-host.js';
import { WavTestRecorder } from './wav-test-recorder.js';

/** A plugin whose start() always fails (the /healthz tests' fixture). */
const FAILING_PLUGIN = fileURLToPath(new URL('../../../test/fixtures/plugins/failing-start.mjs', import.meta.url));

/** The site renames agent, USER1 and USER3 (USER3 has no default label). */
const CONFIG = { terminology: { agent: 'Rep', user1: 'Account', user3: 'Campaign', ani: 'Caller' } };

describe('monitor v2 in headless Chromium: recordings, charts, event times, agents, health, history, restart', function () {
  this.timeout(90000);
  let browser: Browser;
  let dir: string;
  let host: CallwireHost | undefined;
  let page: Page;
  let webPort: number;
  /** What the server published, as the page's WebSocket receives it (JSON, format=json). */
  const published: Record<string, unknown>[] = [];

  const start = async (port: number, config: Record<string, unknown> = {}) => {
    host = await startMonitorHost(dir, port, new WavTestRecorder(1, 4, dir), { ...CONFIG, ...config });
    host.container.get(EventBus).subscribe({ eventClass: 'ALL', deliver: (event: PublishedEvent) => void published.push(JSON.parse(event.json(0))) });
    return host;
  };
  const call = async (type: string, params: Record<string, string>) => {
    const client = await XmlClient.open(host!.addresses.api.port);
    try {
      const reply = await send(client, type, params);
      assert.ok(['API_OK', 'API_RECORDING_STARTED', 'API_RECORDING_STOPPED'].includes(tag(reply, 'RESULTTYPE')!), reply);
    } finally {
      client.close();
    }
  };
  const storage = () => host!.container.get<Storage>(TOKENS.Storage);

  before(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'callwire-monitor-v2-'));
    webPort = (await start(0)).addresses.web.port;
    await call('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'ann', FIRSTNAME: 'Ann', LASTNAME: 'Agent', PHONES: '4001' });
    page = await openMonitor(browser, webPort);
  });
  after(async () => {
    await page?.context().close();
    await host?.stop();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the agent from the directory and shows every renamed field, USER fields too, under its label', async () => {
    await call('CALLSTART', { DEVICEID: '4001', ANI: '5554001', DNIS: '8005550100', CALLID: 'call-4001', USER1: 'ACC-1', USER3: 'CMP-7', GATE: 'g9' });
    await waitForRow(page, '4001', { agent: 'Ann Agent', fields: 'ACD Gate: g9 · Account: ACC-1 · Campaign: CMP-7', recording: 'REC' });
    const headings = await page.evaluate(() => [...document.querySelectorAll('#devices th')].map((th) => th.innerText.trim()));
    assert.ok(headings.includes('Rep') && headings.includes('Caller'), headings.join(', '));
  });

  it('counts channels by their STATE and lists three finished calls in the charts and the recordings panel', async () => {
    await page.waitForSelector('#channels .core[data-core="1"] li[data-device="4001"]', { timeout: 5000 });
    // The core's channels are static (idle ones name their device): only the one recording is busy and outlined.
    assert.equal(await page.textContent('#channels .core[data-core="1"] h3'), 'Core 1 · 1 of 4 busy');
    const channels = await page.evaluate(() => [...document.querySelectorAll('#channels li')].map((li) => `${li.getAttribute('class')} ${li.innerText.replace(/\s+/g, ' ')}`));
    assert.deepEqual(channels, ['channel busy 1 Recording 4001', 'channel 2 Idle static-2', 'channel 3 Idle static-3', 'channel 4 Idle static-4']);
    await call('BLACKOUTSTART', { DEVICEID: '4001' });
    await waitForRow(page, '4001', { recording: 'BLACKED OUT' });
    await call('BLACKOUTSTOP', { DEVICEID: '4001' });
    await waitForRow(page, '4001', { recording: 'REC' });
    await call('CALLSTOP', { DEVICEID: '4001' });
    for (const device of ['4002', '4003']) {
      await call('CALLSTART', { DEVICEID: device, ANI: `555${device}`, DNIS: '8005550100' });
      await call('CALLSTOP', { DEVICEID: device });
    }
    // Three calls, three recordings, all in the last hour: the charts' counts (from storage) add up to that.
    await waitForChartTotals(page, { calls: 3, recordings: 3 });
    await page.waitForFunction(() => document.querySelectorAll('#recordings tbody tr').length === 3, undefined, { timeout: 10000 });
    const total = await page.textContent('#activity [data-chart="calls"] [data-chart-total]');
    assert.match(total ?? '', /^3 in the last hour · \d this minute$/);
  });

  it('searches the recordings by agent, ANI and CALLID', async () => {
    const search = async (fields: Record<string, string>) => {
      for (const name of ['device', 'ani', 'dnis', 'callid', 'agent']) await page.fill(`#recordings [name="${name}"]`, fields[name] ?? '');
      await page.click('#recordings button[type="submit"]');
      await page.waitForFunction((want) => {
        const rows = [...document.querySelectorAll('#recordings tbody tr')];
        return rows.length > 0 && rows.every((tr) => tr.querySelector('td[data-field="device"]')?.innerText.startsWith(want));
      }, fields['expect']!, { timeout: 5000 });
      return page.evaluate(() => [...document.querySelectorAll('#recordings tbody tr')].map((tr) => tr.querySelector('td[data-field="device"]')!.innerText));
    };
    assert.deepEqual(await search({ agent: 'ann', expect: '4001' }), ['4001']);
    assert.deepEqual(await search({ ani: '5554003', expect: '4003' }), ['4003']);
    assert.deepEqual(await search({ callid: 'call-4001', expect: '4001' }), ['4001']);
    const fields = await page.textContent('#recordings tbody tr td[data-field="fields"]');
    assert.equal(fields, 'ACD Gate: g9 · Account: ACC-1 · Campaign: CMP-7');
  });

  it('plays the recording from its EXPORT, with its waveform and its blackout span drawn', async () => {
    await page.evaluate(() => {
      const audio = document.querySelector('#player audio')!;
      for (const name of ['playing', 'ended']) audio.addEventListener(name, () => (audio.dataset[name] = 'yes'));
    });
    await page.click('#recordings tbody tr button.play');
    await page.waitForFunction(() => {
      const audio = document.querySelector('#player audio')! as unknown as { dataset: Record<string, string>; currentTime: number };
      return audio.dataset['playing'] === 'yes' && audio.currentTime > 0.2;
    }, undefined, { timeout: 15000 });
    const drawn = await page.evaluate(() => ({ ...document.querySelector('#player canvas')!.dataset }));
    assert.ok(Number(drawn['drawn']) > 700, `columns with audio: ${drawn['drawn']}`);
    assert.equal(drawn['blackouts'], '1');
    const path = await screenshot(page, 'monitor-v2-playing');
    assert.ok(existsSync(path));
  });

  it('stamps each event in the log with its own time (the event contract\'s TIME), never the time the page received it', async () => {
    const shown = await page.evaluate(() => [...document.querySelectorAll('#log li')].map((li) => {
      const time = li.querySelector('time')!;
      return { type: li.dataset['type'], source: time.dataset['source'], iso: time.getAttribute('datetime'), text: time.innerText };
    }));
    assert.ok(shown.length >= 12, `${shown.length} lines`);
    const timed = published.filter((e) => typeof e['TIME'] === 'string');
    assert.equal(timed.length, published.length, 'every event carries its TIME');
    const times = new Set(timed.map((e) => new Date(e['TIME'] as string).toISOString()));
    assert.ok(shown.every((s) => s.source === 'event' && times.has(s.iso!)), JSON.stringify(shown.slice(0, 3)));
  });

  it('reads an event\'s own time from v1\'s TIME and from v2\'s time, in the one module that knows the message shape', async () => {
    const read = await page.evaluate(async () => {
      const { readEvent } = await import('/monitor/event-message.js' as string) as { readEvent: (m: unknown, at: number) => unknown };
      return [
        readEvent({ v: 2, seq: 7, time: '2026-12-02T07:00:01.250+01:00', class: 'CALL', type: 'CALLSTART', data: { deviceId: '9', sysUser: 'ann', agentId: 12, isTrunk: false } }, 5),
        readEvent({ EVENTCLASS: 'CALL', EVENTTYPE: 'CALLSTOP', SEQ: 8, TIME: '2026-12-02T06:00:02+00:00', data: { DEVICEID: '9' } }, 5),
        readEvent({ EVENTCLASS: 'RECORD', EVENTTYPE: 'RECORDINGSTARTED', data: { DEVICEID: '9' } }, 5),
        readEvent({ v: 2, type: 'HEARTBEAT' }, 5) ?? 'not an event',
      ];
    });
    assert.deepEqual(read, [
      { type: 'CALLSTART', eventClass: 'CALL', seq: 7, at: Date.parse('2026-12-02T06:00:01.250Z'), timeSource: 'event', data: { DEVICEID: '9', SYS_USER: 'ann', AGENTID: '12', ISTRUNK: 'N' } },
      { type: 'CALLSTOP', eventClass: 'CALL', seq: 8, at: Date.parse('2026-12-02T06:00:02Z'), timeSource: 'event', data: { DEVICEID: '9' } },
      { type: 'RECORDINGSTARTED', eventClass: 'RECORD', seq: undefined, at: 5, timeSource: 'received', data: { DEVICEID: '9' } },
      'not an event',
    ]);
  });

  it('shows the health of plugins, the core, the disk and the database', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#health li').length >= 4, undefined, { timeout: 20000 });
    const items = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#health li')].map((li) => [li.dataset['part'], li.innerText])));
    assert.match(items['core:1']!, /^core 1: 0 of 4 channels busy$/);
    assert.match(items['disk']!, /^disk .+: \d+\.\d GB free of \d+\.\d GB$/);
    assert.match(items['database']!, /^database (sqlite|postgres): answers in [\d.]+ ms$/);
    assert.equal(items['plugins'], 'no plugins configured');
    assert.equal(await page.textContent('#health [data-health="status"]'), 'ok');
  });

  it('survives a restart: reconnects, shows new events, keeps the recordings and charts, and lists SMDR records and the calls the restart lost', async () => {
    // A recording the previous run left open (as a crash would) and an SMDR record: history the next run must show.
    const now = Date.now();
    await storage().recordings.insertOpen({ device_id: '4999', ani: '5554999', dnis: '8005550100', start_time: now - 5000, filename: null });
    await storage().callDetails.add({ received_at: now, device_id: '4002', ani: '5554002', dnis: '8005550100', duration: 42, raw: 'SMDR 4002 42' });
    await host!.stop();
    host = undefined;
    await waitForConnection(page, 'closed');
    // The next run also has a plugin that fails to start: health and history name it and say why.
    await start(webPort, { plugins: [{ use: FAILING_PLUGIN, restart: { maxRestarts: 0 } }] });
    await waitForConnection(page, 'open', 20000);
    await call('CALLSTART', { DEVICEID: '4004', ANI: '5554004', DNIS: '8005550100' });
    await waitForRow(page, '4004', { state: 'In call', ani: '5554004', recording: 'REC' });
    await page.waitForFunction(() => document.querySelector('#log li')?.innerText.includes('RECORDINGSTARTED 4004'), undefined, { timeout: 5000 });
    await waitForChartTotals(page, { calls: 5, recordings: 5 });
    // The recordings of the previous run are still listed (from storage), with the cut-off one and the new one.
    await page.fill('#recordings [name="callid"]', '');
    await page.click('#recordings button[type="submit"]');
    await page.waitForFunction(() => [...document.querySelectorAll('#recordings tbody tr td[data-field="device"]')].map((td) => td.innerText).sort().join(' ') === '4001 4002 4003 4004 4999', undefined, { timeout: 5000 });
    await page.waitForFunction(() => document.querySelector('#health li[data-part="core:1"]')?.innerText === 'core 1: 1 of 4 channels busy', undefined, { timeout: 5000 });
    await page.waitForFunction(() => document.querySelector('#history [data-history="lost"]')?.innerText.includes('4999'), undefined, { timeout: 70000 });
    assert.match((await page.textContent('#history [data-history="smdr"]')) ?? '', /4002 5554002 → 8005550100 · 42 s/);
    const failure = 'plugin failing-start: disabled after 1 failure(s) in a row; the last: PBX link refused the login (in start())';
    assert.equal(await page.textContent('#history [data-history="plugins"]'), failure);
    assert.equal(await page.textContent('#health li[data-part="plugin:failing-start"]'), failure.replace(': disabled', ': failed — disabled'));
    assert.equal(await page.textContent('#health [data-health="status"]'), 'degraded');
    await screenshot(page, 'monitor-v2-after-restart');
    assert.deepEqual(consoleErrors(page).filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
  });
});

/** Waits until the charts' counts over the hour add up to `want` (each series); on timeout, says what they showed. */
async function waitForChartTotals(page: Page, want: { calls: number; recordings: number }): Promise<void> {
  const sums = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#activity [data-chart]')].map((figure) => [
    figure.dataset['chart'],
    (figure.querySelector('canvas')!.dataset['counts'] ?? '').split(',').reduce((a, b) => a + Number(b || 0), 0),
  ])));
  try {
    await page.waitForFunction((w) => [...document.querySelectorAll('#activity [data-chart]')].every((figure) => {
      const counts = (figure.querySelector('canvas')!.dataset['counts'] ?? '').split(',');
      return counts.length === 60 && counts.reduce((a, b) => a + Number(b || 0), 0) === w[figure.dataset['chart'] as 'calls' | 'recordings'];
    }), want, { timeout: 15000, polling: 200 });
  } catch {
    throw new Error(`the charts should add up to ${JSON.stringify(want)}, they show ${JSON.stringify(await sums())}`);
  }
}

/** Page-side DOM names (see monitor-browser.ts: the project has no DOM lib). */
interface PageElement {
  readonly innerText: string;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  addEventListener(name: string, listener: () => void): void;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
