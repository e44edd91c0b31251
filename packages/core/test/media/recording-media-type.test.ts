import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavHeader } from '@callwire/plugin-kit';
import { systemClock } from '@callwire/plugin-api';
import { documentedResultOf } from '../../src/commands/result-of-error.js';
import { MediaExportError, RecordingExporter } from '../../src/media/index.js';
import { connect } from '../../src/storage/connect.js';
import { MIGRATIONS, migrateToLatest, openStorage, type Storage, type StorageConfig } from '../../src/storage/index.js';
import { drain } from './pcm-helpers.js';

describe('RecordingExporter: what a recording holds, by its media type', () => {
  let dir: string;
  let config: StorageConfig;
  let storage: Storage | undefined;
  const exporter = () => new RecordingExporter({ recordings: storage!.recordings, recordingsPath: dir, clock: systemClock });
  /** A finished 8 kHz mono WAV of these samples, named as a recorder would. */
  const wav = (name: string, ...samples: number[]) => {
    const data = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
    writeFileSync(join(dir, name), Buffer.concat([wavHeader({ sampleRate: 8000, channels: 1 }, samples.length), data]));
    return name;
  };
  const complete = async (fields: { device_id: string; filename: string; media_type?: string }) => {
    const ident = await storage!.recordings.insertOpen({ ...fields, start_time: Date.now() });
    await storage!.recordings.complete(ident, { stop_time: Date.now() });
    return ident;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-media-type-'));
    config = { driver: 'sqlite', path: join(dir, 'callwire.db') };
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a recording stored before media types were (the migration leaves it NULL: taken as audio/wav)', async () => {
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0005'));
    const old = await connect(config);
    await migrateToLatest(old.db, { migrations: before });
    const now = Date.now();
    await old.db.insertInto('recordings').values({ device_id: '7001', filename: wav('old.wav', 1, 2, 3), start_time: now, recording_time: now, state: 'complete' } as never).execute();
    await old.db.destroy();

    storage = await openStorage(config);
    const [row] = await storage.recordings.list({ deviceId: '7001' });
    assert.equal(row?.media_type, null);
    const audio = await exporter().findByUniqueField('DEVICEID', '7001');
    assert.deepEqual([...(await drain(audio.wav.source()))], [1, 2, 3]);
  });

  it('answers API_COMMAND_NOT_SUPPORTED (49), not API_FILE_NOT_FOUND, for a recording that is not audio/wav, naming it, its type and that EXPORT converts only WAV', async () => {
    storage = await openStorage(config);
    writeFileSync(join(dir, 'chat.json'), '{"sessionId":"82738"}\n');
    const chat = await complete({ device_id: '7010', filename: 'chat.json', media_type: 'application/json' });
    const audio = await complete({ device_id: '7011', filename: wav('call.wav', 5), media_type: 'audio/wav' });

    const refused = await exporter().findByUniqueField('IDENT', String(chat)).catch((err: unknown) => err);
    assert.ok(refused instanceof MediaExportError);
    assert.equal(refused.message, `recording ${chat} holds application/json, not audio: EXPORT converts only WAV (audio/wav) recordings`);
    assert.equal(documentedResultOf(refused)?.type, 'API_COMMAND_NOT_SUPPORTED');

    assert.equal((await exporter().findByUniqueField('IDENT', String(audio))).wav.frames, 1, 'a WAV recording exports as before');
    await assert.rejects(exporter().findAll([String(chat)]), { reason: 'not-supported' });
    // Several with different problems: API_FILE_NOT_FOUND, the manual's answer for an export that cannot be made.
    await assert.rejects(exporter().findAll([String(chat), String(await complete({ device_id: '7012', filename: 'gone.wav' }))]), { reason: 'not-found' });
  });
});
