// slow-subscriber: the fan-out rate with 5% of the WebSocket subscribers not
// reading ÷ an all-healthy run (target ≥ 0.9); the offenders are dropped once
// their backlog passes the cap, so the RSS they cost beyond an all-healthy run
// stays within cap × offenders (printed in results.json as extraRssMiB).
import { callwireFanout } from './fanout.mjs';

// Fewer subscribers than event-fanout, more and larger events: a stalled client must hold
// more than the kernel's socket buffers (several MB on loopback) before its backlog shows.
const WS = 200;
const TCP = 20;
const EVENTS = 5000;
const CAP = 64 * 1024;

export default async function slowSubscriber() {
  const healthy = await callwireFanout({ ws: WS, tcp: TCP, events: EVENTS, maxBacklogBytes: CAP, padding: true });
  const stalled = Array.from({ length: WS / 20 }, (_, i) => i * 20);
  const slow = await callwireFanout({ ws: WS, tcp: TCP, events: EVENTS, maxBacklogBytes: CAP, stalled, padding: true });
  const dropped = WS + TCP - slow.subscribersLeft;
  return {
    name: 'slow-subscriber',
    figure: slow.messagesPerSecond,
    unit: `messages/s to healthy subscribers with ${stalled.length} of ${WS} WS not reading`,
    baseline: healthy.messagesPerSecond,
    baselineUnit: 'messages/s',
    baselineName: 'same, all reading',
    ratio: slow.messagesPerSecond / healthy.messagesPerSecond,
    target: 0.9,
    offendersDropped: dropped,
    offenders: stalled.length,
    // growth beyond the all-healthy run (which holds the same calls and events): what the stalled clients cost
    extraRssMiB: slow.rssGrowthMiB - healthy.rssGrowthMiB,
    extraRssBoundMiB: (CAP * stalled.length) / 2 ** 20,
  };
}
