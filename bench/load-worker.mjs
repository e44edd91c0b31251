// A load generator in its own thread: opens `connections` TCP connections to
// `port`, keeps `depth` requests in flight on each, sends `total` requests in
// all, and posts back elapsed time. Runs apart from the server's event loop so
// the measured side is the server.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { port, connections, depth, total, requests } = workerData;
const bodies = requests.map((r) => Buffer.from(r));
/** Replies other than API_OK: a benchmark that got errors measured the wrong thing. */
let failures = 0;

async function run() {
  const perConnection = Math.ceil(total / connections);
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: connections }, (_, c) => drive(c, perConnection)));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function drive(c, count) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let sent = 0;
    let received = 0;
    let tail = Buffer.alloc(0);
    const send = () => {
      const batch = [];
      // each connection takes its own contiguous run of requests, so a sequence (start, update, stop) stays on one connection in order
      while (sent < count && sent - received < depth) batch.push(bodies[(c * count + sent++) % bodies.length]);
      if (batch.length) socket.write(batch.length === 1 ? batch[0] : Buffer.concat(batch));
    };
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      const data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      let at = 0;
      let next;
      while ((next = data.indexOf('\r\n', at)) !== -1) {
        const reply = data.subarray(at, next);
        if (reply.indexOf('<RESULTCODE>20</RESULTCODE>') === -1) failures++;
        received++;
        at = next + 2;
      }
      tail = data.subarray(at);
      if (received >= count) {
        socket.destroy();
        resolve();
      } else send();
    });
    socket.on('error', reject);
  });
}

run().then((seconds) => parentPort.postMessage({ seconds, failures }), (err) => parentPort.postMessage({ error: String(err) }));
