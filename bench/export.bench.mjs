// export: streams a 1-hour recording out of the WebAPI's EXPORT and measures
// throughput and peak RSS growth. Baseline, in the same run: reading the same
// file raw (fs.createReadStream into a sink that drops the bytes).
//  - export-wav: WAV export over HTTP (header rewritten, PCM re-chunked) vs raw read.
//  - export-wav-memory: peak RSS growth during the WAV export (median of three runs) against the
//    file's size: an export that held the file would grow by about its 55 MiB. The growth varies from run to run
//    with garbage collection (0.1 to 28 MiB seen; the raw read's own, in rawGrowthMiB, varies alike).
//  - export-mp3: MP3 export of the same hour, in multiples of real time, with its RSS growth.
import { createReadStream, mkdirSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TOKENS } from '../packages/core/dist/src/index.js';
import { startHost } from './support.mjs';

const SECONDS = 3600;
const RATE = 8000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** Writes a 1-hour 8 kHz mono 16-bit WAV of a warbling tone, a second at a time. */
function writeHourWav(path) {
  const frames = SECONDS * RATE;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + frames * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(frames * 2, 40);
  const fd = openSync(path, 'w');
  writeSync(fd, header);
  const second = Buffer.alloc(RATE * 2);
  for (let s = 0; s < SECONDS; s++) {
    const f = 300 + (s % 40) * 20;
    for (let i = 0; i < RATE; i++) second.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * f * (s * RATE + i)) / RATE)), i * 2);
    writeSync(fd, second);
  }
  closeSync(fd);
  return frames;
}

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done(), highWaterMark: 64 * 1024 });

async function settledRss() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return process.memoryUsage().rss;
}

/** Runs `work`, sampling RSS every 5 ms; returns seconds taken and peak RSS growth in bytes. */
async function measured(work) {
  const before = await settledRss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, growth: peak - before, result };
}

/** GETs `path` on `port` and drops the body; resolves with the bytes received. */
function fetchDropping(port, path) {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      if (!/^audio\//.test(response.headers['content-type'] ?? '')) return reject(new Error(`not a file: ${response.headers['content-type']}`));
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function exportBench() {
  const server = await startHost();
  try {
    const dir = join(server.dir, 'recordings');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'hour.wav');
    const frames = writeHourWav(path);
    const size = statSync(path).size;
    const storage = server.host.container.get(TOKENS.Storage);
    const start = Date.now() - SECONDS * 1000;
    const ident = await storage.recordings.insertOpen({ device_id: '4000', start_time: start, filename: path, user2: 'bench-hour' });
    await storage.recordings.complete(ident, { stop_time: start + SECONDS * 1000, duration: SECONDS });
    const wavPath = `/webAPI.aspx?type=export&requestid=1&uniquefield=user2&uniqueid=bench-hour&media_format=wav`;

    // Warm the page cache and the code paths once, then measure each three times.
    await pipeline(createReadStream(path), sink());
    await fetchDropping(server.webPort, wavPath);
    // For context, not the baseline: the same file served raw over HTTP in this process,
    // which shows how much of the export's time is HTTP on loopback with both ends on one thread.
    const plain = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav' });
      createReadStream(path, { highWaterMark: 64 * 1024 }).pipe(res);
    });
    await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const raw = [];
    const rawGrowths = [];
    const wav = [];
    const plainHttp = [];
    for (let i = 0; i < 3; i++) {
      const read = await measured(() => pipeline(createReadStream(path, { highWaterMark: 64 * 1024 }), sink()));
      raw.push(read.seconds);
      rawGrowths.push(read.growth);
      const run = await measured(() => fetchDropping(server.webPort, wavPath));
      if (run.result !== 44 + frames * 2) throw new Error(`WAV export sent ${run.result} bytes`);
      wav.push(run);
      plainHttp.push((await measured(() => fetchDropping(plain.address().port, '/'))).seconds);
    }
    plain.close();
    const rawMBs = size / 1e6 / median(raw);
    const wavMBs = size / 1e6 / median(wav.map((r) => r.seconds));
    const wavGrowth = median(wav.map((r) => r.growth));
    const rawGrowth = median(rawGrowths);

    const mp3 = await measured(() => fetchDropping(server.webPort, wavPath.replace('media_format=wav', 'media_format=mp3')));
    const mib = (bytes) => bytes / 2 ** 20;
    return [
      {
        name: 'export-wav',
        figure: wavMBs,
        unit: 'MB/s streaming a 1-hour 8 kHz WAV export over HTTP',
        baseline: rawMBs,
        baselineUnit: 'MB/s',
        baselineName: 'fs.createReadStream of the same file into a null sink',
        ratio: wavMBs / rawMBs,
        fileMiB: mib(size),
        exportSeconds: median(wav.map((r) => r.seconds)),
        rawSeconds: median(raw),
        rawOverHttpMBs: size / 1e6 / median(plainHttp),
      },
      {
        name: 'export-wav-memory',
        figure: mib(wavGrowth),
        unit: 'MiB peak RSS growth during a 1-hour WAV export',
        // against the file's size: an export that held the file would show a ratio near 1. (The raw read's own growth
        // is kept in rawGrowthMiB; it can be 0, which makes it no baseline to divide by.)
        baseline: mib(size),
        baselineUnit: 'MiB',
        baselineName: 'size of the exported file',
        ratio: wavGrowth / size,
        rawGrowthMiB: mib(rawGrowth),
      },
      {
        name: 'export-mp3',
        figure: SECONDS / mp3.seconds,
        unit: '× real time encoding a 1-hour 8 kHz recording to MP3 over HTTP',
        baseline: SECONDS / (median(raw) || 1e-9),
        baselineUnit: '× real time',
        baselineName: 'reading the WAV raw',
        ratio: median(raw) / mp3.seconds,
        mp3Bytes: mp3.result,
        rssGrowthMiB: mib(mp3.growth),
      },
    ];
  } finally {
    await server.close();
  }
}
