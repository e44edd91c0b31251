import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MediaExportError, type Recording, type RecordingFileSource } from '@callwire/core';
import { TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { MAX_FILE_CHUNK_BYTES, readFileChunkReply, type FileChunk, type FileChunkRequest } from './file-chunk-wire.js';
import type { ClusterSubjects } from './subjects.js';

export interface RemoteRecordingFilesOptions {
  readonly subjects: ClusterSubjects;
  /** Where copies are kept (`<dataDir>/remote-recordings`): `<coreIdent>/<IDENT>-<file name>` in it. */
  readonly cacheDir: string;
  readonly log: Logger;
  /** How long a core has to answer each chunk (default 5 s). */
  readonly timeoutMs?: number;
  /** Bytes asked per request (default and most: 512 KiB). */
  readonly chunkBytes?: number;
  /** Cores of this process: their files are here or nowhere, so they are not asked for. */
  readonly isLocalCore?: (coreIdent: number) => boolean;
}

/** A file that changed between two chunks is fetched again once; changing again, it is refused. */
const ATTEMPTS = 2;

/**
 * Copies of recordings a core on another machine wrote, fetched from that
 * core over NATS (its file service, file-service.ts) in chunks and kept in
 * `cacheDir`, so EXPORT, EMAIL and playback read them like local files. A
 * copy is written to `.part` and renamed when it holds as many bytes as the
 * core said the file has; requests for a file being fetched share the
 * fetch. Bind `source` as TOKENS.RecordingFileSource.
 */
export class RemoteRecordingFiles {
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: RemoteRecordingFilesOptions,
  ) {}

  /** The RecordingFileSource: a local copy of `recording`'s file, or undefined when no other core can have it. */
  readonly source: RecordingFileSource = (recording) => this.localCopy(recording);

  /**
   * @throws MediaExportError('not-found') naming the core that does not
   *   answer, refuses the file (and why) or whose file keeps changing
   */
  async localCopy(recording: Recording): Promise<string | undefined> {
    const coreIdent = recording.core_ident;
    if (coreIdent === null || coreIdent === undefined || !recording.filename || this.options.isLocalCore?.(coreIdent)) return undefined;
    const path = join(this.options.cacheDir, String(coreIdent), `${recording.ident}-${basename(recording.filename)}`);
    if (await isFile(path)) return path;
    let fetch = this.fetching.get(path);
    if (!fetch) {
      fetch = this.fetch({ ident: recording.ident, coreIdent, fileName: recording.filename }, path).finally(() => this.fetching.delete(path));
      this.fetching.set(path, fetch);
    }
    return fetch;
  }

  private async fetch(file: RemoteFile, path: string): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    const part = `${path}.part`;
    try {
      for (let attempt = 1; !(await this.copyOnce(file, part)); attempt++) {
        if (attempt === ATTEMPTS) {
          throw new MediaExportError('not-found', `the audio file of recording ${file.ident} kept changing on recorder core ${file.coreIdent} while it was fetched; export it when the core has finished it`);
        }
        this.options.log.info({ ident: file.ident, coreIdent: file.coreIdent }, `the audio file of recording ${file.ident} changed on recorder core ${file.coreIdent} while it was fetched; fetching it again`);
      }
      await rename(part, path);
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    }
    this.options.log.info({ ident: file.ident, coreIdent: file.coreIdent, path }, `copied the audio file of recording ${file.ident} from recorder core ${file.coreIdent}`);
    return path;
  }

  /** Writes the whole file to `part`; false when its size or mtime changed between chunks. */
  private async copyOnce(file: RemoteFile, part: string): Promise<boolean> {
    const out = await open(part, 'w');
    try {
      let first: FileChunk | undefined;
      let offset = 0;
      do {
        const chunk = await this.chunk(file, offset);
        if (first && (chunk.size !== first.size || chunk.mtimeMs !== first.mtimeMs)) return false;
        first ??= chunk;
        if (chunk.offset !== offset || (chunk.bytes.length === 0 && offset < chunk.size)) return false;
        await out.write(chunk.bytes, 0, chunk.bytes.length, offset);
        offset += chunk.bytes.length;
      } while (offset < first.size);
      return (await out.stat()).size === first.size;
    } finally {
      await out.close();
    }
  }

  private async chunk(file: RemoteFile, offset: number): Promise<FileChunk> {
    const { subjects, timeoutMs = 5000, chunkBytes = MAX_FILE_CHUNK_BYTES } = this.options;
    const request: FileChunkRequest = { fileName: file.fileName, offset, length: Math.min(chunkBytes, MAX_FILE_CHUNK_BYTES) };
    let reply;
    try {
      reply = readFileChunkReply(await this.nc.request(subjects.core(file.coreIdent, 'file'), JSON.stringify(request), { timeout: timeoutMs }));
    } catch (err) {
      const why = err instanceof TimeoutError ? `no answer in ${timeoutMs} ms` : (err as Error).message;
      throw new MediaExportError('not-found', `recorder core ${file.coreIdent} does not answer (${why}); the audio file of recording ${file.ident} is on it`);
    }
    if (!reply.ok) throw new MediaExportError('not-found', `recorder core ${file.coreIdent} does not serve the audio file of recording ${file.ident}: ${reply.error}`);
    return reply;
  }
}

interface RemoteFile {
  readonly ident: number;
  readonly coreIdent: number;
  readonly fileName: string;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((facts) => facts.isFile(), () => false);
}
