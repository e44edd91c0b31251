import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ApiDispatcher, ApiRequest, CoreRegistry, DeviceRegistry, EventBus, TOKENS, resultCodeOf, type Storage } from '@callwire/core';
import type { CallwireEvent, RecorderCore } from '@callwire/plugin-api';
import type { TestHost, TestHostOptions } from '@callwire/plugin-kit/testing';
import { pino } from 'pino';
import { loadConfig } from '../config/index.js';
import { CallwireHost } from '../host/callwire-host.js';

let sessions = 0;

/**
 * The implementation behind `startTestHost` of @callwire/plugin-kit/testing:
 * a real host in this process, seen only through what a plugin's test needs
 * (API requests, events, recordings, plugin states), never the container.
 */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'callwire-test-'));
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ log: { level: 'silent' }, ...options.config, plugins: options.plugins ?? [] }));
  const config = loadConfig({ file, env: { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' } });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = options.captureLogs ? pino({ level: 'debug' }, sink) : pino({ level: 'silent' });
  const host = await CallwireHost.start(config, log, options.clock ? { clock: options.clock, timers: options.clock } : {}).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const events: CallwireEvent[] = [];
  host.container.get(EventBus).subscribe({ eventClass: 'ALL', deliver: (published) => void events.push(published.event) });
  const dispatcher = host.container.get(ApiDispatcher);
  const storage = host.container.get<Storage>(TOKENS.Storage);
  const devices = host.container.get(DeviceRegistry);

  const waitFor: TestHost['waitFor'] = async (check, what, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const find = (type: CallwireEvent['type'], deviceId?: string) => events.find((e) => e.type === type && (deviceId === undefined || e.deviceId === deviceId));

  return {
    apiPort: host.addresses.api.port,
    webPort: host.addresses.web.port,
    dir,
    recordingsPath: config.recordings.path,
    events,
    logs,
    addCore<Core extends RecorderCore>(core: Core): Core {
      host.container.get(CoreRegistry).add(core);
      return core;
    },
    core: (coreIdent) => host.container.get(CoreRegistry).get(coreIdent),
    async request(type, parameters = {}) {
      const fields: [string, string][] = [['TYPE', type], ['REQUESTID', '1'], ...Object.entries(parameters).map(([k, v]): [string, string] => [k, String(v)])];
      const { result } = await dispatcher.dispatch(ApiRequest.fromFields(fields), { id: `test-${++sessions}`, transport: 'internal', remoteAddress: '127.0.0.1' });
      return { type: result.type, code: resultCodeOf(result.type), message: result.message ?? result.type, body: result.body };
    },
    async recordings(deviceId) {
      const rows = await storage.recordings.list(deviceId === undefined ? {} : { deviceId });
      return rows.map((row) => ({ ...row }) as Record<string, unknown>).reverse();
    },
    async callDetails() {
      return (await storage.callDetails.list()).map((row) => ({ ...row }) as Record<string, unknown>).reverse();
    },
    callState(deviceId, callInstance = '') {
      const state = devices.find(deviceId)?.calls.get(callInstance)?.state;
      return state === 'connected' || state === 'held' ? state : undefined;
    },
    waitFor,
    async event(type, deviceId, timeoutMs) {
      await waitFor(() => find(type, deviceId) !== undefined, `a ${type} event${deviceId ? ` on ${deviceId}` : ''}`, timeoutMs);
      return find(type, deviceId)!;
    },
    plugins: () => host.pluginStates(),
    async close() {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
