// api-pipe: TEST requests/s over one connection pipelining 64 deep through the
// real server (handlers, logging at info) ÷ fast-xml-parser parse(request) +
// build(reply) of the same bytes in-process. Target ≥ 0.75.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { drive, startHost, testRequest } from './support.mjs';

const TOTAL = 200_000;

export function parseBuildRate(requests, rounds = TOTAL) {
  const parser = new XMLParser({ parseTagValue: false });
  const builder = new XMLBuilder({ format: true, indentBy: '\t' });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    const request = parser.parse(requests[i % requests.length]).REQUEST;
    builder.build({ RESULT: { REQUESTTYPE: request.TYPE, REQUESTID: request.REQUESTID, RESULTTYPE: 'API_OK', RESULTCODE: 20, RESULTMSG: 'API_OK' } });
  }
  return rounds / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export async function pipeRate(log) {
  const server = await startHost({}, { log });
  try {
    const requests = Array.from({ length: 1000 }, (_, i) => testRequest(i));
    await drive({ port: server.apiPort, depth: 64, total: 20_000, requests });
    return await drive({ port: server.apiPort, depth: 64, total: TOTAL, requests });
  } finally {
    await server.close();
  }
}

export default async function apiPipe() {
  const requests = Array.from({ length: 1000 }, (_, i) => testRequest(i));
  parseBuildRate(requests, 20_000);
  const baseline = parseBuildRate(requests);
  const figure = await pipeRate('info');
  return { name: 'api-pipe', figure, unit: 'TEST req/s (1 connection, 64 deep, logging at info)', baseline, baselineUnit: 'req/s', baselineName: 'in-process fast-xml-parser parse+build', ratio: figure / baseline, target: 0.75 };
}
