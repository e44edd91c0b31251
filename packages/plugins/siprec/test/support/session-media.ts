import { PbxMediaSender } from '@callwire/plugin-kit/testing';
import type { SessionSummary } from '../../src/session/session-summary.js';
import type { SiprecCore } from '../../src/siprec-core.js';

/** The tone each side's stream carries in these tests. */
export const TONE = { farEnd: 440, device: 1000, mixed: 700 } as const;

/**
 * Stands in for the SRC's media (no SBC exists here): once the core shows
 * a confirmed session, sends a tone to each of its streams' ports — a
 * different one per party — until the session is gone. Resolves with the
 * session as it was answered.
 */
export async function playSession(core: SiprecCore, waitFor: (check: () => boolean, what: string, ms?: number) => Promise<void>, pick: (s: SessionSummary) => boolean = () => true): Promise<{ session: SessionSummary; done: Promise<void> }> {
  let session: SessionSummary | undefined;
  await waitFor(() => (session = core.sessions().find((s) => s.confirmed && pick(s))) !== undefined, 'a confirmed SIPREC session', 15000);
  const answered = session!;
  const sender = await PbxMediaSender.open();
  const stop = new AbortController();
  const watch = setInterval(() => {
    if (!core.sessions().some((s) => s.callId === answered.callId)) stop.abort();
  }, 5);
  const done = Promise.all(
    answered.streams.map((stream, i) =>
      sender.play({ host: '127.0.0.1', port: stream.port }, [{ ssrc: 0x1000 + i, payloadType: stream.codec === 'PCMA' ? 8 : 0, frequency: TONE[stream.side] }], 3000, {}, stop.signal),
    ),
  ).then(() => {
    clearInterval(watch);
    sender.close();
  });
  return { session: answered, done };
}
