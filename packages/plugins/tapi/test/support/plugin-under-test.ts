import { fileURLToPath } from 'node:url';
import { InTestRecorder, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * A real Callwire host (the kit's test host) running one tapi plugin per
 * options object, from its built entry file, and an in-test recorder core
 * with 16 channels so that calls are recorded; what it logs is kept.
 */
export async function startTapi(...pluginOptions: Record<string, unknown>[]): Promise<TestHost> {
  const host = await startTestHost({ plugins: pluginOptions.map((options) => ({ use: PLUGIN_ENTRY, options })), captureLogs: true });
  host.addCore(new InTestRecorder(1, 16));
  return host;
}
