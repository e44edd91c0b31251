import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavHeader } from '@callwire/plugin-kit';
import { systemClock } from '@callwire/plugin-api';
import { MediaExportError, RecordingExporter, type RecordingFileSource } from '../../src/media/index.js';
import { openStorage, type Recording, type Storage } from '../../src/storage/index.js';
import { drain } from './pcm-helpers.js';

describe('RecordingExporter: a file that is not on this machine, asked of a RecordingFileSource', () => {
  let dir: string;
  let storage: Storage;
  const asked: number[] = [];
  const exporter = (elsewhere?: RecordingFileSource) => new RecordingExporter({ recordings: storage.recordings, recordingsPath: join(dir, 'recordings'), clock: systemClock, elsewhere });
  const wav = (path: string, ...samples: number[]) => {
    const data = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
    writeFileSync(path, Buffer.concat([wavHeader({ sampleRate: 8000, channels: 1 }, samples.length), data]));
    return path;
  };
  const complete = async (filename: string) => {
    const ident = await storage.recordings.insertOpen({ device_id: '7001', filename, start_time: Date.now(), core_ident: 4 });
    await storage.recordings.complete(ident, { stop_time: Date.now() });
    return String(ident);
  };
  /** A source that has a copy of every recording, in `dir`/copies. */
  const copies: RecordingFileSource = async (recording: Recording) => {
    asked.push(recording.ident);
    return wav(join(dir, 'copies', `${recording.ident}.wav`), 7, 8, 9);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-file-source-'));
    mkdirSync(join(dir, 'recordings'));
    mkdirSync(join(dir, 'copies'));
    storage = await openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
    asked.length = 0;
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the copy the source gives for a file missing here, keeping the stored row as it is', async () => {
    const elsewhere = '/elsewhere/recordings/2026/12/02/7001.wav';
    const ident = await complete(elsewhere);
    const audio = await exporter(copies).findByUniqueField('IDENT', ident);
    assert.deepEqual([...(await drain(audio.wav.source()))], [7, 8, 9]);
    assert.equal(audio.recording.filename, elsewhere, 'the row still names the file where its core wrote it');
    assert.deepEqual(asked, [Number(ident)]);
  });

  it('does not ask the source for a file that is here, nor for one that is here and unreadable', async () => {
    const here = await complete(wav(join(dir, 'recordings', 'here.wav'), 1, 2));
    writeFileSync(join(dir, 'recordings', 'broken.wav'), 'not a wav');
    const broken = await complete('broken.wav');
    assert.equal((await exporter(copies).findByUniqueField('IDENT', here)).wav.frames, 2);
    await assert.rejects(exporter(copies).findByUniqueField('IDENT', broken), (err: unknown) => err instanceof MediaExportError && /cannot be read/.test(err.message));
    assert.deepEqual(asked, []);
  });

  it('answers "missing" when the source has no copy, and passes on the source\'s own not-found (several at once: every reason named)', async () => {
    const none = await complete('/elsewhere/none.wav');
    await assert.rejects(exporter(async () => undefined).findByUniqueField('IDENT', none), { reason: 'not-found', message: `the audio file of recording ${none} is missing` });
    const silent: RecordingFileSource = async (recording) => {
      throw new MediaExportError('not-found', `recorder core ${recording.core_ident} does not answer`);
    };
    await assert.rejects(exporter(silent).findAll([none, await complete('/elsewhere/other.wav')]), {
      reason: 'not-found', message: 'recorder core 4 does not answer; recorder core 4 does not answer',
    });
  });

  it('without a source, a missing file is missing as before', async () => {
    const none = await complete('/elsewhere/none.wav');
    await assert.rejects(exporter().findByUniqueField('IDENT', none), { reason: 'not-found', message: `the audio file of recording ${none} is missing` });
  });
});
