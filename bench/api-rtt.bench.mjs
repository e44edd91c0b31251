// api-rtt: request/reply rate one at a time (depth 1) through the real server
// ÷ a bare Node net server sending a canned CRLF reply to the same client.
// Target ≥ 0.5 (catches Nagle and extra-tick stalls).
import { createServer } from 'node:net';
import { drive, startHost, testRequest } from './support.mjs';

const TOTAL = 20_000;
const CANNED = Buffer.from('<RESULT>\n\t<REQUESTTYPE>TEST</REQUESTTYPE>\n\t<REQUESTID>1</REQUESTID>\n\t<RESULTTYPE>API_OK</RESULTTYPE>\n\t<RESULTCODE>20</RESULTCODE>\n\t<RESULTMSG>API_OK</RESULTMSG>\n</RESULT>\r\n');

async function bareRate(requests) {
  const server = createServer({ noDelay: true }, (socket) => socket.on('data', (chunk) => {
    for (let at = chunk.indexOf('</REQUEST>'); at !== -1; at = chunk.indexOf('</REQUEST>', at + 1)) socket.write(CANNED);
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = server.address().port;
    await drive({ port, total: 2000, requests });
    return await drive({ port, total: TOTAL, requests });
  } finally {
    server.close();
  }
}

export default async function apiRtt() {
  const requests = Array.from({ length: 100 }, (_, i) => testRequest(i));
  const baseline = await bareRate(requests);
  const host = await startHost({}, { log: 'info' });
  try {
    await drive({ port: host.apiPort, total: 2000, requests });
    const figure = await drive({ port: host.apiPort, total: TOTAL, requests });
    return { name: 'api-rtt', figure, unit: 'TEST req/s (depth 1)', baseline, baselineUnit: 'req/s', baselineName: 'bare net server, canned reply', ratio: figure / baseline, target: 0.5 };
  } finally {
    await host.close();
  }
}
