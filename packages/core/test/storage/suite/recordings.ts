import assert from 'node:assert/strict';
import { InvalidFieldError, type NewRecording, type Recording } from '../../../src/storage/index.js';
import { useStorage, type StorageHarness } from '../harness.js';

const T0 = Date.UTC(2024, 4, 17, 14, 30, 0);
const MINUTE = 60_000;

/** A recording with every column set, sizes at or near their limits. */
function fullRecording(): NewRecording {
  const recording: NewRecording = {
    agent_id: 1,
    ani: '3175551234',
    archive_action_id: 7,
    audio_hash: 'a'.repeat(64),
    audio_size: 5_000_000_123,
    calldirection: 'I',
    callid: 'PBX-CALL-000000000000000000001',
    channel: 3,
    device_alias: '123456789012345',
    device_id: 'SEP001122334455',
    dnis: '8005550100',
    duration: null,
    filename: '/data/recordings/2024/05/17/1.wav',
    filename_video: '/data/recordings/2024/05/17/1.mp4',
    gate: 'Sales',
    globalid: '6f1c2a4e-8d9b-4c3a-9e7f-0a1b2c3d4e5f',
    keepdays: 90,
    locked: 1,
    listenedto: 1,
    media_label: 'Customer call',
    media_type: 'audio/wav',
    overridden: 1,
    priority: 75,
    qa_forms: 2,
    qa_group_id: 4,
    qa_poss_score: 100,
    qa_score: 87,
    recording_time: T0 + 500,
    recording_type: 'audio',
    screen_capture: 1,
    sgroup: 'Support',
    video_hash: 'b'.repeat(64),
    video_size: 6_000_000_000,
    wrap_duration: 15,
    call_instance: '2',
    core_ident: 1,
    crm_user: 'sallys',
    sys_user: 'smith.1',
    station_name: 'COMPUTER1',
    start_time: T0,
    blackouts: [{ start: T0 + 1000, stop: T0 + 2000 }, { start: T0 + 5000, stop: null }],
  };
  for (let n = 1; n <= 15; n++) {
    const size = n <= 3 ? 20 : n <= 8 ? 255 : 50;
    (recording as Record<string, unknown>)[`user${n}`] = `u${n}-`.padEnd(size, String(n % 10));
  }
  return recording;
}

export function recordingSuite(harness: StorageHarness): void {
  describe('recordings', () => {
    const context = useStorage(harness);
    const add = (fields: Partial<NewRecording> & { start_time: number }) =>
      context.storage.recordings.insertOpen({ device_id: '7002', ...fields });

    it('writes an open row at start and completes it at stop, keeping every column', async () => {
      const { recordings } = context.storage;
      const full = fullRecording();
      const ident = await recordings.insertOpen(full);
      assert.ok(Number.isInteger(ident) && ident > 0);

      const open = await recordings.findByIdent(ident);
      const expected: Recording = { ...(full as Recording), ident, state: 'open', stop_time: null };
      assert.deepEqual(open, expected);

      const stop = T0 + 95_400;
      assert.equal(await recordings.complete(ident, { stop_time: stop, audio_size: 1_234_567, filename: '/r/final.wav' }), true);
      const done = await recordings.findByIdent(ident);
      assert.deepEqual(done, { ...expected, state: 'complete', stop_time: stop, duration: 95, audio_size: 1_234_567, filename: '/r/final.wav' });

      assert.equal(await recordings.complete(ident, { stop_time: stop + 1 }), false, 'only open rows complete');
      assert.equal(await recordings.complete(999_999, { stop_time: stop }), false);
    });

    it('writes made at the same time (batched into shared commits) each get their own result, and a bad one fails alone', async () => {
      const { recordings } = context.storage;
      const good = Array.from({ length: 40 }, (_, i) => add({ start_time: T0 + i, device_id: `B${i}` }));
      const bad = recordings.insertOpen({ start_time: T0, device_id: null as unknown as string });
      const idents = await Promise.all(good);
      await assert.rejects(bad, { name: 'StorageError' });
      assert.equal(new Set(idents).size, 40);
      const rows = await Promise.all(idents.map((ident) => recordings.findByIdent(ident)));
      assert.deepEqual(rows.map((row) => row?.device_id), Array.from({ length: 40 }, (_, i) => `B${i}`));
      const completed = await Promise.all(idents.map((ident, i) => recordings.complete(ident, { stop_time: T0 + i + MINUTE })));
      assert.ok(completed.every(Boolean));
    });

    it('defaults recording_time to start_time and keeps an explicit duration', async () => {
      const { recordings } = context.storage;
      const ident = await add({ start_time: T0 });
      assert.equal((await recordings.findByIdent(ident))?.recording_time, T0);
      await recordings.complete(ident, { stop_time: T0 + 10_000, duration: 42 });
      assert.equal((await recordings.findByIdent(ident))?.duration, 42);
    });

    it('updates fields and blackouts of a recording in any state', async () => {
      const { recordings } = context.storage;
      const ident = await add({ start_time: T0 });
      assert.equal(await recordings.update(ident, { user2: '10121968', ani: '5551234', blackouts: [{ start: T0, stop: T0 + 1 }] }), true);
      await recordings.complete(ident, { stop_time: T0 + 1000 });
      assert.equal(await recordings.update(ident, { user5: 'after stop' }), true);
      const row = await recordings.findByIdent(ident);
      assert.equal(row?.user2, '10121968');
      assert.equal(row?.ani, '5551234');
      assert.equal(row?.user5, 'after stop');
      assert.deepEqual(row?.blackouts, [{ start: T0, stop: T0 + 1 }]);
      assert.equal(await recordings.update(999_999, { user1: 'x' }), false);
      assert.equal(await recordings.update(ident, {}), true);
    });

    it('closes rows left open by a crash as interrupted', async () => {
      const { recordings } = context.storage;
      const first = await add({ start_time: T0 });
      const second = await add({ start_time: T0 + MINUTE });
      const finished = await add({ start_time: T0 });
      await recordings.complete(finished, { stop_time: T0 + 5000 });

      const now = T0 + 3 * MINUTE;
      assert.equal(await recordings.closeInterrupted(now), 2);
      const a = await recordings.findByIdent(first);
      assert.equal(a?.state, 'interrupted');
      assert.equal(a?.stop_time, now);
      assert.equal(a?.duration, 180);
      assert.equal((await recordings.findByIdent(second))?.duration, 120);
      const untouched = await recordings.findByIdent(finished);
      assert.equal(untouched?.state, 'complete');
      assert.equal(untouched?.stop_time, T0 + 5000);
      assert.equal(await recordings.closeInterrupted(now + 1), 0);
    });

    it('lists newest first with AND-ed filters, a date range and a limit', async () => {
      const { recordings } = context.storage;
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push(
          await add({
            device_id: i % 2 === 0 ? '1111' : '2222',
            start_time: T0 + i * MINUTE,
            ani: `ani${i % 3}`,
            dnis: i < 3 ? '800' : '900',
            sgroup: i === 4 ? 'Support' : 'Sales',
            gate: i === 5 ? 'G5' : 'G',
            crm_user: i === 1 ? 'crm1' : null,
            sys_user: i === 2 ? 'sys2' : null,
            device_alias: i === 3 ? 'alias3' : null,
            user3: i >= 4 ? '12345' : null,
          }),
        );
      }
      const same = await add({ device_id: '1111', start_time: T0 + 5 * MINUTE });
      const idents = async (filter: Parameters<typeof recordings.list>[0]) => (await recordings.list(filter)).map((r) => r.ident);

      assert.deepEqual(await idents({}), [same, ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]]);
      assert.deepEqual(await idents({ deviceId: '1111' }), [same, ids[4], ids[2], ids[0]]);
      assert.deepEqual(await idents({ deviceId: '1111', limit: 2 }), [same, ids[4]]);
      assert.deepEqual(await idents({ ani: 'ani1' }), [ids[4], ids[1]]);
      assert.deepEqual(await idents({ dnis: '900', deviceId: '2222' }), [ids[5], ids[3]]);
      assert.deepEqual(await idents({ group: 'Support' }), [ids[4]]);
      assert.deepEqual(await idents({ gate: 'G5' }), [ids[5]]);
      assert.deepEqual(await idents({ crmUser: 'crm1' }), [ids[1]]);
      assert.deepEqual(await idents({ sysUser: 'sys2' }), [ids[2]]);
      assert.deepEqual(await idents({ deviceAlias: 'alias3' }), [ids[3]]);
      assert.deepEqual(await idents({ user3: '12345', deviceId: '1111' }), [ids[4]]);
      assert.deepEqual(await idents({ from: T0 + MINUTE, to: T0 + 3 * MINUTE }), [ids[3], ids[2], ids[1]]);
      assert.deepEqual(await idents({ from: T0 + 4 * MINUTE, limit: 1 }), [same]);
      assert.deepEqual(await idents({ deviceId: 'none' }), []);
      assert.deepEqual(await idents({ state: 'complete' }), []);
    });

    it('finds the latest recording by a UNIQUEFIELD column and refuses other columns', async () => {
      const { recordings } = context.storage;
      const older = await add({ start_time: T0, user2: '10121968', calldirection: 'O', media_label: 'm' });
      const newer = await add({ start_time: T0 + MINUTE, user2: '10121968', calldirection: 'I' });
      assert.equal((await recordings.findLatestBy('user2', '10121968'))?.ident, newer);
      assert.equal((await recordings.findLatestBy('USER2', '10121968'))?.ident, newer);
      assert.equal((await recordings.findLatestBy('Calldirection', 'O'))?.ident, older);
      assert.equal((await recordings.findLatestBy('mediaLabel', 'm'))?.ident, older);
      assert.equal((await recordings.findLatestBy('Ident', String(older)))?.ident, older);
      assert.equal((await recordings.findLatestBy('DEVICEID', '7002'))?.ident, newer);
      assert.equal(await recordings.findLatestBy('ident', 'not-a-number'), undefined);
      assert.equal(await recordings.findLatestBy('user2', 'nothing'), undefined);
      for (const field of ['state', 'password_hash', 'blackouts', 'ani; drop table recordings', '']) {
        await assert.rejects(recordings.findLatestBy(field, '1'), InvalidFieldError, field);
      }
      assert.equal((await recordings.list()).length, 2);
    });

    it('gives the last recording of a device', async () => {
      const { recordings } = context.storage;
      await add({ start_time: T0, device_id: '7002' });
      const last = await add({ start_time: T0 + MINUTE, device_id: '7002' });
      await add({ start_time: T0 + 2 * MINUTE, device_id: '7003' });
      assert.equal((await recordings.lastForDevice('7002'))?.ident, last);
      assert.equal(await recordings.lastForDevice('9999'), undefined);
    });

    it('round-trips &, <, quotes and non-ASCII text', async () => {
      const { recordings } = context.storage;
      const text = `Sales & Marketing <"O'Brien"> Zoë 日本語 🎧`;
      const ident = await add({ start_time: T0, user4: text, user1: `<&>'"ü`, device_alias: 'Zoë&<1>' });
      const row = await recordings.findByIdent(ident);
      assert.equal(row?.user4, text);
      assert.equal(row?.user1, `<&>'"ü`);
      assert.equal(row?.device_alias, 'Zoë&<1>');
      assert.deepEqual((await recordings.list({ user4: text })).map((r) => r.ident), [ident]);
      assert.equal((await recordings.findLatestBy('user4', text))?.ident, ident);
    });

    it('refuses overlong values on every engine instead of cutting them, and stores nothing', async () => {
      const { recordings } = context.storage;
      const before = (await recordings.list({ limit: 1000 })).length;
      await assert.rejects(add({ start_time: T0, ani: '1234567890123456789012345' }), {
        name: 'ValueTooLongError',
        message: 'recordings.ani is 25 characters; the column holds 20',
      });
      await assert.rejects(add({ start_time: T0, user1: `${'x'.repeat(19)}🎧tail` }), { name: 'ValueTooLongError' });
      assert.equal((await recordings.list({ limit: 1000 })).length, before);
      const fits = `${'x'.repeat(19)}🎧`;
      const ident = await add({ start_time: T0, user1: fits });
      assert.equal((await recordings.findByIdent(ident))?.user1, fits);
    });

    it('counts the recordings and the calls started in each minute of a span (a call on two cores once), oldest first', async () => {
      const { recordings } = context.storage;
      await add({ start_time: T0 + 1_000, device_id: 'M1', call_instance: '1', core_ident: 1 });
      await add({ start_time: T0 + 1_200, device_id: 'M1', call_instance: '1', core_ident: 2 });
      await add({ start_time: T0 + 59_999, device_id: 'M2' });
      await add({ start_time: T0 + 2 * MINUTE + 5, device_id: 'M3' });
      await add({ start_time: T0 - 1, device_id: 'before' });
      await add({ start_time: T0 + 3 * MINUTE, device_id: 'after' });
      assert.deepEqual(await recordings.countsPerMinute(T0, T0 + 3 * MINUTE), [
        { minute: T0, recordings: 3, calls: 2 },
        { minute: T0 + 2 * MINUTE, recordings: 1, calls: 1 },
      ]);
      assert.deepEqual(await recordings.countsPerMinute(T0 + 10 * MINUTE, T0 + 20 * MINUTE), []);
    });

    it('lists by CALLID and by any of several agents (none matches an empty list)', async () => {
      const { recordings } = context.storage;
      const a = await add({ start_time: T0, callid: 'C-1', agent_id: 5 });
      const b = await add({ start_time: T0 + 1, callid: 'C-2', agent_id: 6 });
      await add({ start_time: T0 + 2, callid: 'C-3', agent_id: 7 });
      assert.deepEqual((await recordings.list({ callId: 'C-1' })).map((r) => r.ident), [a]);
      assert.deepEqual((await recordings.list({ agentIds: [5, 6] })).map((r) => r.ident), [b, a]);
      assert.deepEqual(await recordings.list({ agentIds: [] }), []);
    });
  });
}
