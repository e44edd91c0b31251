// Follows Callwire's events across server restarts (README "Events: the contract"): node events-client.mjs [host] [port]
import { connect } from 'node:net';
const [host = '127.0.0.1', port = '5620'] = process.argv.slice(2);
let since; // the SEQ of the last event printed: where to resume
function subscribe() {
  const socket = connect(Number(port), host, () =>
    socket.write(`<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>1</REQUESTID><EVENTCLASS>ALL</EVENTCLASS><V>2</V>${since ? `<SINCE>${since}</SINCE>` : ''}</REQUEST>\r\n`));
  let buffer = '';
  socket.setEncoding('utf8').on('data', (text) => {
    const documents = (buffer += text).split('\r\n');
    buffer = documents.pop();
    for (const doc of documents.filter((d) => d.startsWith('<CALLCOPYEVENT>'))) {
      since = Number(/<SEQ>(\d+)<\/SEQ>/.exec(doc)[1]);
      const field = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(doc)?.[1];
      console.log(JSON.stringify({ seq: since, time: field('TIME'), type: field('EVENTTYPE'), deviceId: field('DEVICEID') }));
    }
  });
  socket.on('error', () => {}).on('close', () => setTimeout(subscribe, 500));
}
subscribe();
