import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CallwireHost } from '../../src/host/callwire-host.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { launchChromium, openMonitor, waitForConnection, waitForRow } from './monitor-browser.js';
import { startMonitorHost } from './monitor-host.js';

/** A restartable host (see monitor-host.ts) with a four-channel in-test core. */
const startHost = (dir: string, webPort: number) => startMonitorHost(dir, webPort, new InTestRecorder(1, 4));

async function startCall(host: CallwireHost, deviceId: string, ani: string): Promise<void> {
  const client = await XmlClient.open(host.addresses.api.port);
  try {
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: deviceId, ANI: ani }), 'RESULTTYPE'), 'API_OK');
  } finally {
    client.close();
  }
}

describe('live monitor page across a server restart', function () {
  this.timeout(60000);
  let browser: Browser;
  let dir: string;
  let host: CallwireHost | undefined;
  let page: Page | undefined;

  before(async () => (browser = await launchChromium()));
  after(() => browser?.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-monitor-'))));
  afterEach(async () => {
    await page?.context().close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects by itself and shows the new server\'s calls from its snapshot, dropping what the old one had', async () => {
    host = await startHost(dir, 0);
    const webPort = host.addresses.web.port;
    await startCall(host, '7001', '1110001');
    page = await openMonitor(browser, webPort);
    await waitForRow(page, '7001', { state: 'In call', ani: '1110001', recording: 'REC' });

    await host.stop();
    host = undefined;
    await waitForConnection(page, 'closed');
    assert.match((await page.textContent('#connection')) ?? '', /^Reconnecting in \d+ s$/);

    host = await startHost(dir, webPort);
    // Made while the page is still waiting out its backoff, so it learns of this call from the snapshot on connect.
    await startCall(host, '7002', '2220002');
    await waitForConnection(page, 'open');
    await waitForRow(page, '7002', { state: 'In call', ani: '2220002', recording: 'REC' });
    // The new server never heard of 7001: its stale call is gone, and so is the device (DEVICELIST does not list it).
    await waitForRow(page, '7001', undefined);
    assert.equal(await page.textContent('#connection'), 'Live');
    await page.waitForSelector('#channels .core[data-core="1"] li[data-device="7002"]', { timeout: 5000 });
    await page.waitForSelector('#problem', { state: 'hidden', timeout: 5000 });
  });

  it('keeps retrying while the server is down for several backoff periods', async () => {
    host = await startHost(dir, 0);
    const webPort = host.addresses.web.port;
    page = await openMonitor(browser, webPort);
    await host.stop();
    host = undefined;
    await waitForConnection(page, 'closed');
    // Long enough for the page to have failed to connect more than once (0.5 s, then 1 s, then 2 s …).
    const attempts: string[] = [];
    page.on('websocket', (ws) => attempts.push(ws.url()));
    await page.waitForTimeout(2500);
    assert.ok(attempts.length >= 2, `the page tried ${attempts.length} time(s)`);

    host = await startHost(dir, webPort);
    await startCall(host, '7003', '3330003');
    await waitForConnection(page, 'open', 20000);
    await waitForRow(page, '7003', { state: 'In call', ani: '3330003' });
  });
});
