// call-cycle: CALLSTART → CALLUPDATE → CALLSTOP cycles/s over 50 connections,
// with the scheduler, the rtp-recorder core (a WAV per call) and the
// Recording table, ÷ 83 calls/s (a 10,000-agent contact centre). Target ≥ 25.
// Also on PostgreSQL when CALLWIRE_TEST_PG_URL (or the default local test
// database) is reachable.
import pg from 'pg';
import { drive, startHost } from './support.mjs';

const DESIGN_POINT = 83;
const CONNECTIONS = 50;
const CYCLES = 6000;
const PG_URL = process.env.CALLWIRE_TEST_PG_URL ?? 'postgres://callwire:callwire@127.0.0.1:5432/callwire_test';
const RTP_RECORDER = { use: new URL('../packages/plugins/rtp-recorder/dist/src/index.js', import.meta.url).pathname, options: { coreIdent: 1, channels: 200, portRange: [42000, 42999] } };
/** A core that writes nothing: what the engine and the database cost without a WAV file per call. */
export const NULL_RECORDER = { use: new URL('./null-recorder.mjs', import.meta.url).pathname, options: { coreIdent: 1 } };

/**
 * Three requests per cycle. Each connection owns 40 devices and calls them in
 * turn (so a device takes several calls, as extensions do), in order.
 */
function cycleRequests(count) {
  const requests = [];
  const perConnection = count / CONNECTIONS;
  for (let i = 0; i < count; i++) {
    const device = String(100000 + Math.floor(i / perConnection) * 40 + (i % 40));
    requests.push(
      `<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID><ANI>6145551212</ANI><DNIS>8005550100</DNIS></REQUEST>\r\n` +
        `<REQUEST><TYPE>CALLUPDATE</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID><USER1>Gold Level</USER1></REQUEST>\r\n` +
        `<REQUEST><TYPE>CALLSTOP</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID></REQUEST>\r\n`,
    );
  }
  return requests;
}

/** Cycles per second through a host with `config`. */
export async function cycleRate(config, core = RTP_RECORDER) {
  const server = await startHost({ plugins: [core], ...config });
  try {
    // each "request" the load worker sends is a whole cycle (3 documents, 3 replies): depth 1 keeps one cycle in flight per connection
    const requests = cycleRequests(CYCLES);
    const perReply = await drive({ port: server.apiPort, connections: CONNECTIONS, depth: 3, total: CYCLES * 3, requests: requests.flatMap((r) => r.split(/(?<=\r\n)/)) });
    return perReply / 3;
  } finally {
    await server.close();
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('create schema if not exists bench_call_cycle');
    await client.query('drop schema bench_call_cycle cascade');
    await client.query('create schema bench_call_cycle');
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function callCycle() {
  const results = [];
  const sqlite = await cycleRate({});
  results.push({
    name: 'call-cycle', figure: sqlite, unit: 'CALLSTART/CALLUPDATE/CALLSTOP cycles/s (SQLite, rtp-recorder writing a WAV per call, 50 connections)',
    baseline: DESIGN_POINT, baselineUnit: 'calls/s', baselineName: 'design point: 10,000 agents × 30 calls/h', ratio: sqlite / DESIGN_POINT, target: 25,
  });
  const engine = await cycleRate({}, NULL_RECORDER);
  results.push({
    name: 'call-cycle-engine', figure: engine, unit: 'cycles/s (SQLite, a core that writes no files)', baseline: DESIGN_POINT,
    baselineUnit: 'calls/s', baselineName: 'design point', ratio: engine / DESIGN_POINT, target: 25,
  });
  if (await postgresReachable()) {
    const postgres = await cycleRate({ storage: { driver: 'postgres', url: PG_URL, schema: 'bench_call_cycle' } });
    results.push({
      name: 'call-cycle-postgres', figure: postgres, unit: 'cycles/s (PostgreSQL)', baseline: DESIGN_POINT, baselineUnit: 'calls/s',
      baselineName: 'design point', ratio: postgres / DESIGN_POINT, target: 25,
    });
  } else {
    results.push({ name: 'call-cycle-postgres', error: `PostgreSQL at ${PG_URL} is not reachable; skipped` });
  }
  return results;
}
