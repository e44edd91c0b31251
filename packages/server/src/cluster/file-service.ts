import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { chunkHeaders, readFileChunkRequest, refusalPayload, type FileChunkRequest } from './file-chunk-wire.js';
import type { ClusterSubjects } from './subjects.js';

export interface RecordingFileServiceOptions {
  readonly coreIdent: number;
  /** The core process's config `recordings.path`: the only files it serves are in it. */
  readonly recordingsPath: string;
  readonly subjects: ClusterSubjects;
  readonly log: Logger;
}

/** Why a file is not served, in one line. */
class Refusal extends Error {}

/**
 * A core process serves the recordings it wrote, so any API node can export
 * them: chunks of files inside `recordingsPath` (a path out of it, by `..`
 * or by a symbolic link, is refused, as is anything that is not a regular
 * file), on `subjects.core(coreIdent, 'file')` (framing: file-chunk-wire.ts).
 * Every request is answered, a refusal by a line naming the reason; nothing
 * here throws. Stop it with the subscription's `unsubscribe()` or `drain()`.
 */
export function serveRecordingFiles(nc: NatsConnection, options: RecordingFileServiceOptions): Subscription {
  const { coreIdent, recordingsPath, subjects, log } = options;
  return nc.subscribe(subjects.core(coreIdent, 'file'), {
    callback: (err, msg) => {
      if (err) log.warn({ err }, `recorder core ${coreIdent}: the file service's subscription failed: ${err.message}`);
      else void answer(msg, resolve(recordingsPath), log);
    },
  });
}

async function answer(msg: Msg, root: string, log: Logger): Promise<void> {
  const request = readFileChunkRequest(msg.data);
  try {
    if (typeof request === 'string') throw new Refusal(request);
    const { bytes, ...facts } = await readChunk(root, request);
    msg.respond(bytes, { headers: chunkHeaders(facts) });
  } catch (err) {
    const reason = err instanceof Refusal ? err.message : `'${(request as FileChunkRequest).fileName}' cannot be read: ${(err as Error).message}`;
    if (!(err instanceof Refusal)) log.warn({ err }, reason);
    try {
      msg.respond(refusalPayload(reason));
    } catch (failed) {
      log.warn({ err: failed }, `cannot answer a file request: ${(failed as Error).message}`);
    }
  }
}

/** The bytes asked for and the file's size and mtime, from one open file. */
async function readChunk(root: string, request: FileChunkRequest) {
  const path = await servedPath(root, request.fileName);
  const handle = await open(path, 'r');
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) throw new Refusal(`'${request.fileName}' is not a file`);
    const length = Math.max(0, Math.min(request.length, facts.size - request.offset));
    const bytes = Buffer.alloc(length);
    const { bytesRead } = length > 0 ? await handle.read(bytes, 0, length, request.offset) : { bytesRead: 0 };
    return { offset: request.offset, size: facts.size, mtimeMs: facts.mtimeMs, bytes: bytes.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** The real path of `fileName` when it is inside `root`, both as written and once links are followed. */
async function servedPath(root: string, fileName: string): Promise<string> {
  const asked = resolve(root, fileName);
  if (!inside(root, asked)) throw new Refusal(`'${fileName}' is outside the recordings directory`);
  let real: string;
  try {
    real = await realpath(asked);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Refusal(`'${fileName}' does not exist`);
    throw err;
  }
  if (!inside(await realpath(root), real)) throw new Refusal(`'${fileName}' is a link out of the recordings directory`);
  return real;
}

/** Whether `path` is `root` or below it (`root` itself is then refused as not a file). */
function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}
