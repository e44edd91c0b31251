import assert from 'node:assert/strict';
import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavHeader } from '@callwire/plugin-kit';
import { onset, PbxMediaSender, readWav, slots } from '@callwire/plugin-kit/testing';
// A real callwire process, to be killed mid-call: the server's own test support (the kit's test host runs in this process).
import { CallwireProcess } from '@callwire/server/test-support/callwire-process';
import { tag, XmlClient } from '@callwire/server/test-support/xml-client';
import { freePortBase, PLUGIN_ENTRY, TEST_JITTER_MS } from './support/calls.js';

/** Bytes per ms of the core's stereo 16-bit 8 kHz files. */
const BYTES_PER_MS = 32;
const CHUNK_BYTES = 32 * 1024;
const HEADER_UPDATE_MS = 2000;

/** The header's RIFF and data sizes as they are on disk now (zeros while the file is shorter than its header). */
function headerSizes(path: string): { riff: number; data: number; size: number } {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(44);
    const read = readSync(fd, header, 0, 44, 0);
    const { size } = fstatSync(fd);
    return read < 44 ? { riff: 0, data: 0, size } : { riff: header.readUInt32LE(4), data: header.readUInt32LE(40), size };
  } finally {
    closeSync(fd);
  }
}

/** What the 20 ms slots of the tone hold, for an assertion message: counts, and where it is not the tone. */
function describeSlots(found: readonly string[]): string {
  const off = found.flatMap((slot, i) => (slot === 'tone 1000' ? [] : [`${i}: ${slot}`]));
  return `${found.length - off.length} of ${found.length} slots hold the tone; ${off.join(', ')}`;
}

/** Every .wav file under `dir`. */
function wavFiles(dir: string): string[] {
  let found: string[] = [];
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) found = found.concat(wavFiles(path));
      else if (entry.name.endsWith('.wav')) found.push(path);
    }
  } catch {
    // not made yet
  }
  return found;
}

/** Polls `check` every 20 ms until it returns a value; fails naming `what` after `timeoutMs`. */
async function poll<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('rtp-recorder: a callwire process killed mid-call', function () {
  this.timeout(60_000);
  let dir: string;
  let pbx: PbxMediaSender;
  const processes: CallwireProcess[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-rtp-crash-'));
    pbx = await PbxMediaSender.open();
  });
  afterEach(async () => {
    pbx.close();
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.kill('SIGKILL');
        await p.exit();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a WAV whose header follows the audio, and the next start repairs one cut off before its first update', async () => {
    const base = freePortBase();
    const configFile = join(dir, 'callwire.json');
    writeFileSync(configFile, JSON.stringify({
      plugins: [{ use: PLUGIN_ENTRY, options: { coreIdent: 1, channels: 1, portRange: [base, base + 1], jitterMs: TEST_JITTER_MS } }],
    }));
    const env = { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile };

    // A call recorded by a real process, with real RTP on its one channel.
    const first = CallwireProcess.spawn(['start'], env);
    processes.push(first);
    const ports = await first.ready();
    const client = await XmlClient.open(ports.api);
    await client.write('<REQUEST><REQUESTID>1</REQUESTID><TYPE>CALLSTART</TYPE><DEVICEID>7001</DEVICEID></REQUEST>\r\n');
    assert.equal(tag((await client.read())[0]!, 'RESULTTYPE'), 'API_OK');
    const file = await poll(() => wavFiles(join(dir, 'recordings'))[0], 'the recording file');
    const playing = pbx.play({ host: '127.0.0.1', port: base }, [{ ssrc: 7, payloadType: 0, frequency: 1000 }], 150);

    // The header is updated while the call goes on: wait for two updates (each moves the sizes on).
    const firstUpdate = await poll(() => headerSizes(file).data || undefined, 'the first header update');
    const secondUpdate = await poll(() => (headerSizes(file).data > firstUpdate ? headerSizes(file).data : undefined), 'the second header update');
    await playing;
    first.kill('SIGKILL');
    await first.exit();
    client.close();

    // What the kill left: a header that says (nearly) all the audio on disk, consistent, in whole frames.
    const killed = headerSizes(file);
    assert.ok(killed.data >= secondUpdate, `the header says ${killed.data} bytes`);
    assert.equal(killed.riff, killed.data + 36, 'RIFF size matches the data size');
    assert.equal(killed.data % 4, 0, 'whole stereo frames');
    const behind = killed.size - 44 - killed.data;
    // At most one update period and the chunks that landed meanwhile, plus a second of slack for a busy machine.
    assert.ok(behind >= 0 && behind <= HEADER_UPDATE_MS * BYTES_PER_MS + 2 * CHUNK_BYTES + 1000 * BYTES_PER_MS, `the header is ${behind} bytes behind the file`);
    const asKilled = readWav(file);
    const left = asKilled.samples[0]!;
    const toneSlots = slots(left, onset(left), 150, [1000]);
    assert.ok(toneSlots.every((slot) => slot === 'tone 1000'), `a player finds the 3 s of tone within the sizes the header gives: ${describeSlots(toneSlots)}`);

    // A crash before the first update would have left the placeholder header, sizes 0.
    const fd = openSync(file, 'r+');
    writeSync(fd, wavHeader({ channels: 2, sampleRate: 8000 }, 0), 0, 44, 0);
    closeSync(fd);
    assert.equal(headerSizes(file).data, 0);

    const second = CallwireProcess.spawn(['start'], env);
    processes.push(second);
    const web = (await second.ready()).web;
    const repairedLine = second.lines.find((l) => l['msg'] === 'repaired the WAV header of 1 of 1 recording(s) left open by the previous run');
    assert.ok(repairedLine, `the repair is logged; lines: ${second.lines.map((l) => l['msg']).join(' | ')}`);
    assert.deepEqual(repairedLine['files'], [file]);
    const size = statSync(file).size;
    assert.deepEqual(headerSizes(file), { riff: size - 8, data: size - 44, size });
    const repaired = readWav(file);
    assert.equal(repaired.frames, (size - 44) / 4);
    assert.ok(repaired.samples[0]!.subarray(0, asKilled.frames).every((sample, i) => sample === left[i]), 'the audio is as it was');

    // Exporting the interrupted recording (its row names the file) gives all of what was recorded.
    const response = await fetch(`http://127.0.0.1:${web}/webAPI.aspx?type=export&requestid=1&uniquefield=filename&uniqueid=${encodeURIComponent(file)}&media_format=wav`);
    assert.equal(response.status, 200);
    const exported = Buffer.from(await response.arrayBuffer());
    assert.ok(exported.subarray(44).equals(readFileSync(file).subarray(44)), `the export holds the file's ${size - 44} bytes of audio (it has ${exported.length - 44})`);

    second.kill('SIGTERM');
    assert.equal(await second.exit(), 0);
  });
});
