import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@callwire/plugin-kit';
import { pino } from 'pino';
import { openStorage, RecordingOutbox, type NewRecording, type Storage } from '../../src/index.js';

const row = (device: string): NewRecording => ({ device_id: device, start_time: 1_700_000_000_000, filename: `/rec/${device}.wav`, channel: 1, core_ident: 1 });
const log = pino({ level: 'silent' });

describe('RecordingOutbox (real SQLite files)', () => {
  let dir: string;
  let journalPath: string;
  const open = () => openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-outbox-'));
    journalPath = join(dir, 'recording-journal.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores at once while the database takes writes, and journals nothing', async () => {
    const storage = await open();
    try {
      const outbox = new RecordingOutbox({ storage, log, journalPath });
      const ident = await outbox.insert('r1', row('7001'));
      assert.ok(ident !== undefined);
      assert.equal(await outbox.complete('r1', ident, row('7001'), { stop_time: 1_700_000_005_000 }), true);
      const [stored] = await storage.recordings.list();
      assert.deepEqual([stored?.state, stored?.duration], ['complete', 5]);
      assert.equal(outbox.pending, 0);
    } finally {
      await storage.close();
    }
  });

  it('journals what a closed database refuses, in order, and the next run stores it before anything else', async () => {
    const first: Storage = await open();
    const clock = new ManualClock();
    const outbox = new RecordingOutbox({ storage: first, log, journalPath, timers: clock });
    const stored: string[] = [];
    outbox.onStored = (entry) => stored.push(entry.key);
    await first.close(); // every write now fails
    assert.equal(await outbox.insert('r1', row('7101')), undefined);
    assert.equal(await outbox.complete('r1', undefined, row('7101'), { stop_time: 1_700_000_003_000 }), false, 'joins the queued insert');
    assert.equal(await outbox.complete('r2', undefined, row('7102'), { stop_time: 1_700_000_009_000 }), false);
    assert.equal(outbox.pending, 2);
    assert.equal(readFileSync(journalPath, 'utf8').trim().split('\n').length, 2);
    assert.equal(clock.pendingCount, 1, 'a retry waits on the timers');
    await clock.advance(500); // the first retry: refused again
    assert.equal(outbox.pending, 2);
    await outbox.drain(); // at stop: still refused, kept in the journal
    assert.equal(clock.pendingCount, 0, 'no retry is left pending after the stop');

    // a line a crash cut short is skipped, the others are kept
    writeFileSync(journalPath, `${readFileSync(journalPath, 'utf8')}{"key":"r3","row":{"devi`);
    const second = await open();
    try {
      const next = new RecordingOutbox({ storage: second, log, journalPath });
      assert.equal(await next.open(), 2);
      assert.equal(next.pending, 0);
      const rows = await second.recordings.list();
      assert.deepEqual(rows.map((r) => [r.device_id, r.state, r.duration]).sort(), [['7101', 'complete', 3], ['7102', 'complete', 9]]);
      assert.equal(readFileSync(journalPath, 'utf8'), '');
    } finally {
      await second.close();
    }
    assert.deepEqual(stored, [], 'nothing was stored by the first run');
  });

  it('a change to a row whose insert is queued joins the queued row, so the row stored later carries it', async () => {
    const first: Storage = await open();
    const outbox = new RecordingOutbox({ storage: first, log, journalPath, timers: new ManualClock() });
    await first.close();
    assert.equal(await outbox.insert('r1', row('7201')), undefined);
    assert.equal(await outbox.amend('r1', { user3: 'Follow up on order', blackouts: [{ start: 1_700_000_001_000, stop: null }] }), true);
    assert.equal(await outbox.amend('r9', { user3: 'x' }), false, 'nothing of r9 is queued');
    assert.equal(await outbox.complete('r1', undefined, row('7201'), { stop_time: 1_700_000_004_000, blackouts: [{ start: 1_700_000_001_000, stop: 1_700_000_002_000 }] }), false);
    await outbox.drain();

    const second = await open();
    try {
      assert.equal(await new RecordingOutbox({ storage: second, log, journalPath }).open(), 1);
      const [stored] = await second.recordings.list();
      assert.deepEqual([stored?.user3, stored?.state, stored?.blackouts], ['Follow up on order', 'complete', [{ start: 1_700_000_001_000, stop: 1_700_000_002_000 }]]);
    } finally {
      await second.close();
    }
  });
});
