// CALLLIST over 1,000,000 recordings in SQLite: the latency of a filtered
// CALLLIST through the real API (TCP, XML, handler, repository) divided by the
// same indexed SELECT run raw through better-sqlite3 in-process. Target: < 3.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { median, PipeClient, startHost } from './support.mjs';

const ROWS = 1_000_000;
const DEVICES = 2000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const ROUNDS = 200;

export default async function calllist() {
  const server = await startHost();
  try {
    const path = join(server.dir, 'callwire.db');
    const db = new Database(path);
    const insert = db.prepare(
      'insert into recordings (device_id, ani, dnis, sgroup, user3, recording_time, start_time, stop_time, duration, state, agent_id) values (?, ?, ?, ?, ?, ?, ?, ?, 60, \'complete\', null)',
    );
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const at = START + Math.floor((i / ROWS) * 180 * DAY);
        insert.run(String(7000 + (i % DEVICES)), `614555${String(i % 10000).padStart(4, '0')}`, '8005551212', `G${i % 20}`, String(i % 997), at, at, at + 60_000);
      }
    })();
    db.exec('analyze');

    const from = Math.floor((START + 30 * DAY) / 1000);
    const to = Math.floor((START + 120 * DAY) / 1000);
    const devices = Array.from({ length: ROUNDS }, (_, i) => String(7000 + ((i * 37) % DEVICES)));
    const raw = db.prepare(
      'select recordings.*, users.first_name, users.last_name from recordings left join users on users.user_id = recordings.agent_id ' +
        'where recordings.device_id = ? and recordings.recording_time >= ? and recordings.recording_time <= ? order by recordings.recording_time desc, recordings.ident desc limit 20',
    );
    const rawTimes = [];
    let rawRows = 0;
    for (const device of devices) {
      const t0 = process.hrtime.bigint();
      rawRows += raw.all(device, from * 1000, to * 1000 + 999).length;
      rawTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    db.close();

    const client = await PipeClient.open(server.apiPort);
    let apiTimes = [];
    let apiRows = 0;
    // one pass to warm the server's page cache and statement cache, as the raw side's was by the load
    for (const [i, device] of [...devices, ...devices].entries()) {
      if (i === devices.length) {
        apiTimes = [];
        apiRows = 0;
      }
      const t0 = process.hrtime.bigint();
      const reply = await client.request(
        `<REQUEST><TYPE>CALLLIST</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID><CALLCOUNT>20</CALLCOUNT><CALLDATESTART>${from}</CALLDATESTART><CALLDATEEND>${to}</CALLDATEEND></REQUEST>\r\n`,
      );
      apiTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      apiRows += (reply.match(/<SEARCHRESULT>/g) ?? []).length;
    }
    client.close();
    if (apiRows !== rawRows) throw new Error(`CALLLIST returned ${apiRows} rows, the raw SELECT ${rawRows}`);
    const figure = median(apiTimes);
    const baseline = median(rawTimes);
    return {
      name: 'calllist',
      figure,
      unit: 'ms median (CALLLIST, 20 rows, device + date range, 1M recordings, via TCP API)',
      baseline,
      baselineUnit: 'ms',
      baselineName: 'same indexed SELECT raw through better-sqlite3',
      ratio: figure / baseline,
      target: 3,
      higherIsBetter: false,
      rowsPerQuery: apiRows / ROUNDS,
    };
  } finally {
    await server.close();
  }
}
