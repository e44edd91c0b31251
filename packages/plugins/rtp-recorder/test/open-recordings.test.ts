import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    await first.close(); // as a crash leaves it: the journal stays, two files are noted open
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
      const theirs = new OpenRecordings(notes, silent);
      await theirs.add(path, STEREO);
      await theirs.close();
      // the journal as that process would have named it
      renameSync(join(notes, `open-recordings-${process.pid}.jsonl`), join(notes, `open-recordings-${other.pid}.jsonl`));
      assert.deepEqual(await new OpenRecordings(notes, silent).repair(), { checked: 0, repaired: [], live: 1 });
      assert.equal(headerData(path), 0);
      assert.deepEqual(readdirSync(notes), [`open-recordings-${other.pid}.jsonl`], 'the note stays for when that process has gone');
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('keeps only what is open when it rewrites its journal, and skips a line the crash cut off', async () => {
    const notes = join(dir, 'notes');
    const journal = join(notes, `open-recordings-${process.pid}.jsonl`);
    const open = new OpenRecordings(notes, silent, 10);
    const files = Array.from({ length: 12 }, (_, i) => join(dir, `call-${i}.wav`));
    for (const file of files) crashedFile(file, 100, 0);
    // the calls start and stop together: their lines share writes
    await Promise.all(files.map((file) => open.add(file, STEREO)));
    await Promise.all(files.slice(0, 10).map((file) => open.remove(file)));
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    assert.ok(lines.length < 22, `rewritten after 10 lines: ${lines.length} lines`);
    await open.close();
    writeFileSync(journal, readFileSync(journal, 'utf8') + '{"open":"/cut-off/by-the-cr');

    const report = await new OpenRecordings(notes, silent).repair();
    assert.deepEqual([...report.repaired].sort(), files.slice(10).sort());
    assert.equal(report.checked, 2);
    assert.deepEqual(readdirSync(notes), []);
  });

  it('deletes its journal at a stop that leaves nothing open, and keeps it when something is', async () => {
    const notes = join(dir, 'notes');
    const path = join(dir, 'a.wav');
    crashedFile(path, 100, 0);
    const clean = new OpenRecordings(notes, silent);
    await clean.add(path, STEREO);
    await clean.remove(path);
    await clean.close();
    assert.deepEqual(readdirSync(notes), []);

    const cut = new OpenRecordings(notes, silent);
    await cut.add(path, STEREO);
    await cut.close();
    assert.deepEqual((await new OpenRecordings(notes, silent).repair()).repaired, [path]);
  });

  it('repairs the marker files an earlier version left, one per recording', async () => {
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    const path = join(dir, 'old.wav');
    crashedFile(path, 500, 0);
    writeFileSync(join(notes, '0123456789abcdef01234567.json'), JSON.stringify({ file: path, ...STEREO, pid: 999_999_999 }));
    writeFileSync(join(notes, 'fedcba9876543210fedcba98.json'), 'not json');
    const report = await new OpenRecordings(notes, silent).repair();
    assert.deepEqual({ ...report, repaired: [...report.repaired] }, { checked: 1, repaired: [path], live: 0 });
    assert.equal(headerData(path), 2000);
    assert.deepEqual(readdirSync(notes), []);
  });
});
