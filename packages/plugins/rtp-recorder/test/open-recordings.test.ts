import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavHeader } from '@callwire/plugin-kit';
import { pino } from 'pino';
import { OpenRecordings } from '../src/open-recordings.js';

const STEREO = { channels: 2, sampleRate: 8000 } as const;
const silent = pino({ level: 'silent' });

/** The data size the header of `path` says now. */
const headerData = (path: string) => readFileSync(path).readUInt32LE(40);

/** A stereo file as a crash leaves it: `frames` of silence after a header whose sizes say `claimedFrames`. */
const crashedFile = (path: string, frames: number, claimedFrames: number) =>
  writeFileSync(path, Buffer.concat([wavHeader(STEREO, claimedFrames), Buffer.alloc(frames * 4)]));

describe('OpenRecordings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rtp-open-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('repairs at start the files still noted open, and only those; then forgets them', async () => {
    const notes = join(dir, 'state', 'open-recordings');
    const first = new OpenRecordings(notes, silent);
    for (const name of ['cut.wav', 'updated.wav', 'closed.wav', 'gone.wav']) {
      const path = join(dir, name);
      crashedFile(path, 2000, name === 'cut.wav' ? 0 : 2000);
      await first.add(path, STEREO);
    }
    await first.remove(join(dir, 'closed.wav'));
    rmSync(join(dir, 'gone.wav'));
    crashedFile(join(dir, 'never-noted.wav'), 2000, 0); // not this core's: never touched

    const lines: { msg: string; repaired?: number }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
    const report = await new OpenRecordings(notes, log).repair();
    assert.deepEqual({ ...report, repaired: [...report.repaired] }, { checked: 2, repaired: [join(dir, 'cut.wav')], live: 0 });
    assert.equal(headerData(join(dir, 'cut.wav')), 8000);
    assert.equal(headerData(join(dir, 'never-noted.wav')), 0);
    assert.ok(lines.some((l) => l.msg === 'repaired the WAV header of 1 of 2 recording(s) left open by the previous run' && l.repaired === 1));
    assert.deepEqual(readdirSync(notes), [], 'every note is dealt with');
    assert.deepEqual(await new OpenRecordings(notes, silent).repair(), { checked: 0, repaired: [], live: 0 });
  });

  it('leaves alone a file noted by another process that is still running', async () => {
    const notes = join(dir, 'notes');
    const path = join(dir, 'theirs.wav');
    crashedFile(path, 100, 0);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await new OpenRecordings(notes, silent).add(path, STEREO);
      const [note] = readdirSync(notes);
      const marker = JSON.parse(readFileSync(join(notes, note!), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(notes, note!), JSON.stringify({ ...marker, pid: other.pid }));
      assert.deepEqual(await new OpenRecordings(notes, silent).repair(), { checked: 0, repaired: [], live: 1 });
      assert.equal(headerData(path), 0);
      assert.equal(readdirSync(notes).length, 1, 'the note stays for when that process has gone');
    } finally {
      other.kill('SIGKILL');
    }
  });
});
