// The soak test's clients: a pipelining request client, event subscribers
// that count what they receive, and the TEST probe.
import { connect } from 'node:net';

/** A pipelining XML API client: requests go out at once, replies come back in order. */
export class SerialClient {
  constructor(socket) {
    this.socket = socket;
    this.waiting = [];
    this.tail = '';
    this.id = 0;
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      const parts = (this.tail + text).split('\r\n');
      this.tail = parts.pop();
      for (const reply of parts) this.waiting.shift()?.(reply);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.waiting.splice(0).forEach((resolve) => resolve('<RESULT><RESULTCODE>closed</RESULTCODE></RESULT>')));
  }

  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new SerialClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends TYPE with the parameters; resolves with the reply. */
  request(type, params = {}) {
    const body = Object.entries(params).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(`<REQUEST><TYPE>${type}</TYPE><REQUESTID>${++this.id}</REQUESTID>${body}</REQUEST>\r\n`);
    });
  }

  close() {
    this.socket.destroy();
  }
}

/** An EVENTCLASS=ALL subscriber (TCP EVENTS or WebSocket /events) counting events by EVENTTYPE. */
export class EventCounter {
  constructor(name) {
    this.name = name;
    this.counts = {};
    this.closed = false;
  }

  count(text) {
    for (const match of text.matchAll(/<EVENTTYPE>([A-Z]+)<\/EVENTTYPE>/g)) this.counts[match[1]] = (this.counts[match[1]] ?? 0) + 1;
  }

  static async tcp(port, name) {
    const counter = new EventCounter(name);
    const client = await SerialClient.open(port);
    const reply = await client.request('EVENTS', { EVENTCLASS: 'ALL' });
    if (!reply.includes('<RESULTCODE>20</RESULTCODE>')) throw new Error(`EVENTS refused: ${reply}`);
    client.socket.removeAllListeners('data');
    let tail = '';
    client.socket.on('data', (text) => {
      const parts = (tail + text).split('\r\n');
      tail = parts.pop();
      for (const part of parts) counter.count(part);
    });
    client.socket.on('close', () => (counter.closed = true));
    counter.close = () => client.close();
    return counter;
  }

  static ws(port, name, WebSocket) {
    return new Promise((resolve, reject) => {
      const counter = new EventCounter(name);
      const ws = new WebSocket(`ws://127.0.0.1:${port}/events?class=ALL&format=xml`);
      ws.on('message', (data) => counter.count(String(data)));
      ws.on('close', () => (counter.closed = true));
      ws.on('error', reject);
      ws.once('open', () => resolve(counter));
      counter.close = () => ws.terminate();
    });
  }
}

/** Sends TEST every 100 ms on its own connection and keeps each round trip. */
export class Probe {
  constructor(client) {
    this.client = client;
    this.window = { rtts: [], late: 0 };
    this.total = { rtts: [], late: 0, unanswered: 0 };
    this.outstanding = 0;
    this.timer = setInterval(() => this.tick(), 100);
  }

  static async start(port) {
    return new Probe(await SerialClient.open(port));
  }

  tick() {
    if (this.outstanding > 50) return; // the server is not answering: count, do not pile up
    const sent = performance.now();
    this.outstanding++;
    void this.client.request('TEST').then((reply) => {
      this.outstanding--;
      if (!reply.includes('<RESULTCODE>20</RESULTCODE>')) return void this.total.unanswered++;
      const rtt = performance.now() - sent;
      for (const bucket of [this.window, this.total]) {
        bucket.rtts.push(rtt);
        if (rtt > 1000) bucket.late++;
      }
    });
  }

  takeWindow() {
    const window = this.window;
    this.window = { rtts: [], late: 0 };
    return window;
  }

  all() {
    return { ...this.total, unanswered: this.total.unanswered + this.outstanding };
  }

  stop() {
    clearInterval(this.timer);
    this.client.close();
  }
}
