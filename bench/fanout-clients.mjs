// Subscribers for the fan-out benchmarks, in a child process so the measured
// process holds only the server: `wsCount` WebSocket clients and `tcpCount`
// raw TCP clients; the ones listed in `stalled` stop reading once connected.
// Each message carries a sequence number (the event's DEVICEID, or the
// baseline's payload). When told the send times, it answers the throughput
// and the p99 latency (wall-clock ms, comparable across processes).
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const now = () => performance.timeOrigin + performance.now();
const { wsUrl, tcpPort, tcpRequest, wsCount, tcpCount, expected, stalled = [] } = JSON.parse(process.argv[2]);
const seqOf = (text) => Number(/<DEVICEID>(\d+)<\/DEVICEID>/.exec(text)?.[1] ?? /^(\d+)/.exec(text)?.[1]);
let healthy = 0;
let received = 0;
const seqs = new Int32Array(expected * (wsCount + tcpCount));
const times = new Float64Array(expected * (wsCount + tcpCount));
let sentTimes;
let done;

function arrived(seq) {
  seqs[received] = seq;
  times[received] = now();
  received++;
  if (received === expected * healthy) done?.();
}

const opened = [];
for (let i = 0; i < wsCount; i++) {
  const stall = stalled.includes(i);
  if (!stall) healthy++;
  opened.push(new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    ws.on('open', () => {
      if (stall) ws._socket.pause();
      resolve();
    });
    ws.on('message', (data) => arrived(seqOf(data.toString())));
    ws.on('error', () => undefined);
  }));
}
for (let i = 0; i < tcpCount; i++) {
  healthy++;
  opened.push(new Promise((resolve) => {
    let subscribed = !tcpRequest;
    let tail = '';
    const socket = connect(tcpPort, '127.0.0.1', () => {
      if (tcpRequest) socket.write(tcpRequest);
      else resolve();
    });
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      const parts = (tail + text).split('\r\n');
      tail = parts.pop();
      for (const part of parts) {
        if (subscribed) arrived(seqOf(part));
        else {
          subscribed = true;
          resolve();
        }
      }
    });
    socket.on('error', () => undefined);
  }));
}

await Promise.all(opened);
process.send({ ready: true });
process.on('message', (message) => {
  sentTimes = message.sent;
  const finished = new Promise((resolve) => {
    done = resolve;
    if (received === expected * healthy) resolve();
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, 30_000));
  Promise.race([finished, timeout]).then(() => {
    const latencies = new Float64Array(received);
    let last = 0;
    for (let i = 0; i < received; i++) {
      latencies[i] = times[i] - sentTimes[seqs[i]];
      if (times[i] > last) last = times[i];
    }
    latencies.sort();
    const seconds = (last - sentTimes[1]) / 1000;
    process.send({ received, complete: received === expected * healthy, messagesPerSecond: received / seconds, p99Ms: latencies[Math.floor(received * 0.99)] });
    process.exit(0);
  });
});
