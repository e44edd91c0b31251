// slow-subscriber: what subscribers that stop reading cost the others. The
// fan-out rate to the healthy subscribers with 10 more WebSocket subscribers
// not reading ÷ the same healthy subscribers alone (target ≥ 0.9), best of 2
// alternating runs each. The offenders are dropped once their backlog passes
// the cap, so what the server queues for them is at most cap × offenders
// (extraRssBoundMiB). extraRssMiB, the RSS growth beyond the healthy-only run,
// is printed beside it, not judged: it also holds the 10 extra connections and
// where the GC happened to be, and moved from 15 to 34 MiB between two runs.
import { callwireFanout } from './fanout.mjs';
import { alternate } from './support.mjs';

// Fewer subscribers than event-fanout, more and larger events: a stalled client must hold
// more than the kernel's socket buffers (several MB on loopback) before its backlog shows.
const WS = 200;
const TCP = 20;
const EVENTS = 5000;
const CAP = 64 * 1024;
const STALLED = Array.from({ length: WS / 20 }, (_, i) => i * 20);

export default async function slowSubscriber() {
  const { baseline: healthy, figure: slow, samples } = await alternate(
    2,
    // the same healthy subscribers: WS - stalled WebSocket clients and the TCP ones, all reading
    () => callwireFanout({ ws: WS - STALLED.length, tcp: TCP, events: EVENTS, maxBacklogBytes: CAP, padding: true }),
    () => callwireFanout({ ws: WS, tcp: TCP, events: EVENTS, maxBacklogBytes: CAP, stalled: STALLED, padding: true }),
    (outcome) => outcome.messagesPerSecond,
  );
  const dropped = WS + TCP - slow.subscribersLeft;
  return {
    name: 'slow-subscriber',
    figure: slow.messagesPerSecond,
    unit: `messages/s to ${WS - STALLED.length + TCP} healthy subscribers with ${STALLED.length} more WS not reading`,
    baseline: healthy.messagesPerSecond,
    baselineUnit: 'messages/s',
    baselineName: 'same healthy subscribers alone',
    ratio: slow.messagesPerSecond / healthy.messagesPerSecond,
    target: 0.9,
    samples,
    offendersDropped: dropped,
    offenders: STALLED.length,
    // growth beyond the healthy-only run (which holds the same calls and events): what the stalled clients cost
    extraRssMiB: slow.rssGrowthMiB - healthy.rssGrowthMiB,
    extraRssBoundMiB: (CAP * STALLED.length) / 2 ** 20,
  };
}
