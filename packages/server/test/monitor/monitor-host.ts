import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreRegistry, type RecorderCore } from '@callwire/core';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { CallwireHost } from '../../src/host/callwire-host.js';

/**
 * A host on a given web port (0: any) over the data dir `dir`, so a test can
 * stop it and start the next one where the page expects it, as a restart
 * would; `config` is merged into the file, `core` is added once started.
 */
export async function startMonitorHost(dir: string, webPort: number, core: RecorderCore, config: Record<string, unknown> = {}): Promise<CallwireHost> {
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ plugins: [], log: { level: 'silent' }, ...config }));
  const loaded = loadConfig({ file, env: { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: String(webPort) } });
  const host = await CallwireHost.start(loaded, pino({ level: 'silent' }));
  host.container.get(CoreRegistry).add(core);
  return host;
}
