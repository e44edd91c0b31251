// event-fanout: 1,000 WebSocket + 100 TCP event subscribers; events from the
// call path (CallService, as input plugins drive it) through the EventBus to
// every subscriber ÷ a bare ws/net broadcast of a pre-built buffer to the same
// clients. Targets: throughput ≥ 0.8 of baseline; p99 latency ≤ 1.5× baseline p99.
import { bareFanout, callwireFanout } from './fanout.mjs';

const SHAPE = { ws: 1000, tcp: 100, events: 500 };

export default async function eventFanout() {
  const baseline = await bareFanout(SHAPE);
  const full = await callwireFanout(SHAPE);
  return [
    {
      name: 'event-fanout',
      figure: full.messagesPerSecond,
      unit: `event messages/s delivered (${SHAPE.ws} WS + ${SHAPE.tcp} TCP subscribers, ${SHAPE.events} events)`,
      baseline: baseline.messagesPerSecond,
      baselineUnit: 'messages/s',
      baselineName: 'bare ws/net broadcast of a pre-built buffer',
      ratio: full.messagesPerSecond / baseline.messagesPerSecond,
      target: 0.8,
    },
    {
      name: 'event-fanout-p99',
      figure: full.p99Ms,
      unit: 'ms p99 publish-to-receipt latency',
      baseline: baseline.p99Ms,
      baselineUnit: 'ms',
      baselineName: 'bare broadcast p99',
      ratio: full.p99Ms / baseline.p99Ms,
      target: 1.5,
      higherIsBetter: false,
    },
  ];
}
