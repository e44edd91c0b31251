import type { Clock, Timers } from '@callwire/plugin-api';
import { startTestHost, type TestHost } from '@callwire/plugin-kit/testing';
import type { SiprecCore } from '../../src/siprec-core.js';

/** RTP ports the siprec tests give the SRS (apart from the rtp-recorder's tests' ranges). */
export const TEST_RTP_RANGE: [number, number] = [47000, 47999];

export interface SiprecTestHost {
  readonly host: TestHost;
  readonly core: SiprecCore;
  sipPort(transport: 'udp' | 'tcp'): number;
}

/** A real Callwire host running the siprec plugin as core 2, SIP on free ports of 127.0.0.1. */
export async function startSiprecHost(options: Record<string, unknown> = {}, config: Record<string, unknown> = {}, clock?: Clock & Timers): Promise<SiprecTestHost> {
  const host = await startTestHost({
    plugins: [{ use: 'siprec', options: { coreIdent: 2, sip: { host: '127.0.0.1', port: 0 }, rtp: { portRange: TEST_RTP_RANGE }, ...options } }],
    config,
    ...(clock ? { clock } : {}),
  });
  const core = host.core(2) as SiprecCore | undefined;
  if (!core) {
    await host.close();
    throw new Error(`the siprec plugin did not start: ${JSON.stringify(host.plugins().failed)}`);
  }
  return { host, core, sipPort: (transport) => core.sipPort(transport)! };
}
