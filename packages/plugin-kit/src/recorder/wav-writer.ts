import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname, extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { frameBytes, maxWavFrames, silenceByte, WAV_HEADER_BYTES, wavHeader, type WavFormat } from './wav-header.js';
import { writeSilence } from './wav-silence.js';

/** Audio is gathered into chunks of this size before it goes to the disk: few writes, little memory. */
const CHUNK_BYTES = 32 * 1024;
/** A disk this far behind cannot keep up; the recording is failed rather than buffered without end. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
const NATIVE_LITTLE_ENDIAN = endianness() === 'LE';

/** How a file is kept. */
export interface WavWriterOptions {
  /**
   * Rewrite the header's sizes at most this often (ms) while recording, to
   * what is on disk, so a file cut off by a crash still plays; 0 = only at
   * close. The update follows the chunks: it is made when a chunk lands on
   * disk this long after the last one.
   */
  readonly headerUpdateMs?: number;
  /** Monotonic ms for the header's schedule; default performance.now (tests set their own). */
  readonly now?: () => number;
}

/**
 * Writes one WAV file (any {@link WavFormat}: 16-bit PCM, G.711 …) as the
 * audio arrives: a placeholder header, then samples in 32 KiB chunks (each
 * one positional write, in order), then the real sizes in the header at
 * close. While
 * recording, the header's RIFF and data sizes are rewritten in place (one
 * positional 44-byte write) every `headerUpdateMs` to the audio on disk, so
 * a process killed mid-call leaves a file that plays up to its last update. The file is created exclusively:
 * when the name is taken, `-2`, `-3`, … is added before the extension, so
 * two recordings never share a file. Audio past the most a WAV file holds
 * (4 GiB) is not written: the writer fails instead, so its header never
 * lies.
 */
export class WavWriter {
  /** The first error of the file or the disk; the recording should end when set. */
  failure: Error | undefined;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private chunkBytes = 0;
  /** Data bytes appended (handed over or still in the chunk). */
  private appended = 0;
  /** Data bytes handed to the disk (written or being written). */
  private handedOver = 0;
  /** Bytes handed to the disk and not written yet. */
  private backlog = 0;
  /** Settles when the last handed-over write is on disk (writes complete in order). */
  private lastWrite: Promise<void> = Promise.resolve();
  /** Bytes of the file on disk, header included (writes complete in order). */
  private landed = 0;
  /** When (options.now) the header was last updated, or the file created. */
  private headerAt: number;
  /** The header update in flight, if any: the final header waits for it. */
  private headerWrite: Promise<void> | undefined;
  private closing = false;
  private readonly frameBytes: number;
  private readonly maxBytes: number;
  private readonly silent: number;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly format: WavFormat,
    private readonly options: WavWriterOptions,
  ) {
    this.frameBytes = frameBytes(format);
    this.maxBytes = maxWavFrames(format) * this.frameBytes;
    this.silent = silenceByte(format.encoding);
    this.headerAt = this.now();
    this.write(wavHeader(format, 0), 0);
  }

  /**
   * Creates the file (and its directories), adding a suffix when the name is taken.
   * @throws WavFormatError for a format outside the WAV rules; NodeJS.ErrnoException when the file cannot be made
   */
  static async create(path: string, format: WavFormat, options: WavWriterOptions = {}): Promise<WavWriter> {
    wavHeader(format, 0);
    await ensureDirectory(dirname(path));
    const extension = extname(path);
    const base = path.slice(0, path.length - extension.length);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${base}-${n}${extension}`;
      try {
        return new WavWriter(candidate, await open(candidate, 'wx'), format, options);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' && madeDirectories.delete(dirname(path))) return WavWriter.create(path, format, options);
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 1000) throw err;
      }
    }
  }

  /** Frames appended so far. */
  get frames(): number {
    return this.appended / this.frameBytes;
  }

  /** Resolves once the chunks handed to the disk so far are written (the one filling in memory is not). */
  written(): Promise<void> {
    return this.lastWrite;
  }

  /** Appends interleaved 16-bit samples (a whole number of frames) to a 16-bit PCM file. */
  append(samples: Int16Array): void {
    if ((this.format.encoding ?? 'pcm16') !== 'pcm16') throw new TypeError(`${this.path} holds ${this.format.encoding} samples: append their bytes`);
    this.put(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), !NATIVE_LITTLE_ENDIAN);
  }

  /**
   * Appends sample bytes as the file stores them (a whole number of frames):
   * G.711 codes as they came off the wire, or little-endian 16-bit PCM.
   */
  appendBytes(bytes: Uint8Array): void {
    this.put(bytes, false);
  }

  /** Appends `frames` frames of silence. */
  appendSilence(frames: number): void {
    const block = Buffer.alloc(4096 * this.frameBytes, this.silent);
    for (let left = frames * this.frameBytes; left > 0; left -= block.length) {
      this.put(left >= block.length ? block : block.subarray(0, left), false);
    }
  }

  /**
   * Overwrites frames [from, to) already appended with silence: in the chunk
   * still in memory directly, on disk once its writes have landed.
   */
  async silence(fromFrame: number, toFrame: number): Promise<void> {
    const from = Math.max(0, Math.min(fromFrame * this.frameBytes, this.appended));
    const to = Math.max(from, Math.min(toFrame * this.frameBytes, this.appended));
    const inMemory = this.handedOver;
    if (to > inMemory) this.chunk.fill(this.silent, Math.max(from, inMemory) - inMemory, to - inMemory);
    if (from >= inMemory) return;
    await this.lastWrite;
    await writeSilence(this.handle, this.format.encoding, WAV_HEADER_BYTES + from, WAV_HEADER_BYTES + Math.min(to, inMemory));
  }

  /**
   * Ends the file at exactly `totalFrames` (silence added or the excess cut),
   * writes the header's sizes and closes it. Returns the file's size in bytes.
   */
  async close(totalFrames: number): Promise<number> {
    const totalBytes = Math.min(totalFrames * this.frameBytes, this.maxBytes);
    try {
      if (this.appended < totalBytes) this.appendSilence((totalBytes - this.appended) / this.frameBytes);
      this.handOver();
      this.closing = true;
      await this.lastWrite;
      // Two positional writes to the header in flight could land in either order.
      await this.headerWrite;
      if (this.failure) throw this.failure;
      if (this.appended > totalBytes) await this.handle.truncate(WAV_HEADER_BYTES + totalBytes);
      await this.handle.write(wavHeader(this.format, totalBytes / this.frameBytes), 0, WAV_HEADER_BYTES, 0);
      return WAV_HEADER_BYTES + totalBytes;
    } finally {
      await this.handle.close().catch(() => undefined);
    }
  }

  /** Copies `bytes` into the chunks (as much as a WAV file still holds), each 32 KiB chunk handed to the disk when full. */
  private put(bytes: Uint8Array, swap16: boolean): void {
    let length = bytes.length;
    if (this.appended + length > this.maxBytes) {
      length = this.maxBytes - this.appended;
      this.failure ??= new Error(`${this.path} reached the most audio a WAV file holds (${this.maxBytes} bytes)`);
    }
    for (let at = 0; at < length; ) {
      const take = Math.min(length - at, CHUNK_BYTES - this.chunkBytes);
      this.chunk.set(bytes.subarray(at, at + take), this.chunkBytes);
      if (swap16) this.chunk.subarray(this.chunkBytes, this.chunkBytes + take).swap16();
      this.chunkBytes += take;
      this.appended += take;
      at += take;
      if (this.chunkBytes === CHUNK_BYTES) this.handOver();
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  private handOver(): void {
    if (this.chunkBytes === 0) return;
    const full = this.chunk.subarray(0, this.chunkBytes);
    this.handedOver += this.chunkBytes;
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.chunkBytes = 0;
    this.write(full, WAV_HEADER_BYTES + this.handedOver - full.length);
    if (this.backlog > MAX_BACKLOG_BYTES) {
      this.failure ??= new Error(`the disk is not keeping up with ${this.path}: ${this.backlog} bytes waiting`);
    }
  }

  /** Writes `bytes` at `position` after the writes before it (none once the file has failed). */
  private write(bytes: Buffer, position: number): void {
    this.backlog += bytes.length;
    this.lastWrite = this.lastWrite.then(async () => {
      try {
        if (!this.failure) {
          // a short write (the disk filling up) is carried on until the disk says why it stopped
          for (let done = 0; done < bytes.length; ) {
            const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
            if (bytesWritten === 0) throw new Error(`${this.path}: the disk took none of ${bytes.length - done} bytes`);
            done += bytesWritten;
          }
          this.landed += bytes.length;
          this.updateHeaderIfDue();
        }
      } catch (err) {
        this.failure ??= err as Error;
      } finally {
        this.backlog -= bytes.length;
      }
    });
  }

  /** Rewrites the header's sizes to the audio on disk when `headerUpdateMs` have passed since the last time. */
  private updateHeaderIfDue(): void {
    const every = this.options.headerUpdateMs ?? 0;
    if (every <= 0 || this.closing || this.headerWrite || this.failure) return;
    const now = this.now();
    if (now - this.headerAt < every) return;
    this.headerAt = now;
    const frames = Math.floor((this.landed - WAV_HEADER_BYTES) / this.frameBytes);
    this.headerWrite = this.handle.write(wavHeader(this.format, frames), 0, WAV_HEADER_BYTES, 0).then(
      () => {
        this.headerWrite = undefined;
      },
      (err: Error) => {
        this.failure ??= err;
        this.headerWrite = undefined;
      },
    );
  }
}

/**
 * Directories already made: a device's day directory is created on its first
 * recording of the day, not on every call. A directory removed behind our
 * back shows as ENOENT at open, which forgets it and makes it again.
 */
const madeDirectories = new Set<string>();

async function ensureDirectory(path: string): Promise<void> {
  if (madeDirectories.has(path)) return;
  await mkdir(path, { recursive: true });
  if (madeDirectories.size >= 10_000) madeDirectories.clear();
  madeDirectories.add(path);
}
