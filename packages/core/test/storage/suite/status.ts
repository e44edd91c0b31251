import assert from 'node:assert/strict';
import { useStorage, type StorageHarness } from '../harness.js';

const T0 = Date.UTC(2011, 0, 31, 22, 50, 33);

export function statusSuite(harness: StorageHarness): void {
  describe('channels, agent windows, audit log and call details', () => {
    const context = useStorage(harness);

    it('upserts channel states per core and lists them in order', async () => {
      const { channels } = context.storage;
      await channels.upsert({ core_ident: 1, channel_id: 2, state: 'Idle', recording_device: '7003', last_state_change: T0 });
      await channels.upsertMany([
        { core_ident: 1, channel_id: 1, state: 'PreparingToRecord', recording_device: '7002', last_state_change: T0 },
        { core_ident: 2, channel_id: 1, state: 'Idle', last_state_change: T0 },
      ]);
      await channels.upsert({
        core_ident: 1, channel_id: 2, state: 'Recording', recording_device: '7055', recording_device_alias: 'Zoë', last_state_change: T0 + 1000,
      });
      const all = await channels.list();
      assert.deepEqual(all.map((c) => [c.core_ident, c.channel_id, c.state]), [
        [1, 1, 'PreparingToRecord'], [1, 2, 'Recording'], [2, 1, 'Idle'],
      ]);
      assert.deepEqual(all[1], {
        core_ident: 1, channel_id: 2, state: 'Recording', playback_extension: null,
        recording_device: '7055', recording_device_alias: 'Zoë', last_state_change: T0 + 1000,
      });
      await channels.upsert({ core_ident: 1, channel_id: 2, state: 'Idle', last_state_change: T0 + 2000 });
      assert.equal((await channels.list(1))[1]?.recording_device, null, 'an omitted field is stored empty');
      assert.equal(await channels.removeCore(1), 2);
      assert.deepEqual((await channels.list()).map((c) => c.core_ident), [2]);
    });

    it('keeps the latest agent window per computer', async () => {
      const { agentWindows } = context.storage;
      const window = {
        computer_name: 'ceddy', username: 'ceddy', domain: 'uptivity.com', ip_address: '10.100.5.91',
        status: 'AVAILABLE', application_title: 'Internet Explorer', last_update: T0,
      };
      await agentWindows.upsert(window);
      await agentWindows.upsert({ ...window, application_title: 'Outlook — "Inbox" & <drafts>', last_update: T0 + 5000 });
      await agentWindows.upsert({ ...window, computer_name: 'ceddy-laptop', last_update: T0 + 1000 });
      assert.equal((await agentWindows.byComputer('ceddy'))?.application_title, 'Outlook — "Inbox" & <drafts>');
      assert.equal((await agentWindows.byUsername('ceddy'))?.computer_name, 'ceddy');
      assert.equal(await agentWindows.byComputer('nobody'), undefined);
      assert.equal((await agentWindows.list()).length, 2);
    });

    it('appends audit entries and lists them newest first', async () => {
      const { audit } = context.storage;
      const first = await audit.record({ at: T0, action: 'IMPORTUSER', who: 'admin', detail: 'ADD Sally Smith', remote_address: '127.0.0.1' });
      const second = await audit.record({ at: T0 + 1000, action: 'CALLLIST' });
      const third = await audit.record({ at: T0 + 2000, action: 'IMPORTUSER', detail: 'DELETE 2' });
      assert.deepEqual((await audit.list()).map((e) => e.id), [third, second, first]);
      assert.deepEqual((await audit.list({ action: 'IMPORTUSER' })).map((e) => e.id), [third, first]);
      assert.deepEqual((await audit.list({ since: T0 + 1000, limit: 1 })).map((e) => e.id), [third]);
      assert.deepEqual((await audit.list({ until: T0 + 1000 })).map((e) => e.id), [second, first], 'until includes its own time');
      assert.deepEqual((await audit.list({ since: T0, until: T0 + 1999, action: 'IMPORTUSER' })).map((e) => e.id), [first]);
      assert.deepEqual((await audit.list({ who: 'admin' })).map((e) => e.id), [first]);
      assert.deepEqual(await audit.list({ who: 'nobody' }), []);
      const entry = (await audit.list()).find((e) => e.id === first);
      assert.deepEqual(entry, { id: first, at: T0, action: 'IMPORTUSER', who: 'admin', detail: 'ADD Sally Smith', remote_address: '127.0.0.1' });
      assert.equal((await audit.list()).find((e) => e.id === second)?.who, null);
    });

    it('stores call detail records and links them to recordings', async () => {
      const { callDetails, recordings } = context.storage;
      const raw = '2024/05/17 14:30:00,00:01:35,0,3175551234,O,8005550100,8005550100,,0,1000,0,E7002,Zoë,T9001,Line 1,0,0,,,,,,,,,,,,,';
      const id = await callDetails.add({
        received_at: T0, device_id: '7002', call_id: '1000', start_time: T0 - 95_000, duration: 95,
        ani: '3175551234', dnis: '8005550100', direction: 'O', account_code: null, raw, recording_ident: null,
      });
      const other = await callDetails.add({ received_at: T0 + 1000, device_id: '7003', raw: 'x' });
      const ident = await recordings.insertOpen({ device_id: '7002', start_time: T0 - 95_000 });
      assert.equal(await callDetails.linkRecording(id, ident), true);
      assert.equal(await callDetails.linkRecording(999_999, ident), false);

      const stored = await callDetails.findById(id);
      assert.equal(stored?.raw, raw);
      assert.equal(stored?.recording_ident, ident);
      assert.equal(stored?.start_time, T0 - 95_000);
      assert.deepEqual((await callDetails.forRecording(ident)).map((d) => d.id), [id]);
      assert.deepEqual((await callDetails.list()).map((d) => d.id), [other, id]);
      assert.deepEqual((await callDetails.list({ deviceId: '7002' })).map((d) => d.id), [id]);
      assert.deepEqual((await callDetails.list({ to: T0 })).map((d) => d.id), [id]);
    });
  });
}
