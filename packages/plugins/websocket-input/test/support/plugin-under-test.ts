import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventNames, InTestRecorder, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * A real Callwire host (the kit's test host) running the websocket-input
 * plugin from its built entry file, with one in-test recorder core (16
 * channels) so that calls are recorded, unless `recorder` is false.
 */
export async function startInput(options: Record<string, unknown>, { recorder = true } = {}): Promise<TestHost> {
  const host = await startTestHost({ plugins: [{ use: PLUGIN_ENTRY, options }] });
  if (recorder) host.addCore(new InTestRecorder(1, 16));
  return host;
}

/** Waits until `event` (as the kit's eventNames spells it: `CALLSTART 201 c1`) has been published. */
export function eventSeen(host: TestHost, event: string): Promise<void> {
  return host.waitFor(() => eventNames(host).includes(event), event);
}

/** A port that was free a moment ago (the plugin listens on a port the test must know). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once `check` holds, polling every 5 ms (for stand-ins, which have no host to ask). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
