import { headers, type Msg, type MsgHdrs } from '@nats-io/transport-node';

/**
 * The wire form of a recording file read from a core by request/reply on
 * `<prefix>.core.<ident>.file`. A request is JSON {@link FileChunkRequest}.
 * A chunk comes back as the file's raw bytes for payload, its facts in NATS
 * headers (so bytes that happen to look like JSON are still bytes); a
 * refusal has no such headers and the cluster's usual JSON
 * `{ ok: false, error }` for payload.
 */
export interface FileChunkRequest {
  /** The file as the core wrote it: absolute, or relative to its `recordings.path`. */
  readonly fileName: string;
  readonly offset: number;
  /** 1 to {@link MAX_FILE_CHUNK_BYTES}. */
  readonly length: number;
}

/** One chunk: the bytes at `offset` (fewer than asked at the end of the file) and the file's size and mtime when read. */
export interface FileChunk {
  readonly ok: true;
  readonly offset: number;
  /** The whole file's size in bytes. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly bytes: Uint8Array;
}

export type FileChunkReply = FileChunk | { readonly ok: false; readonly error: string };

/** The most a chunk holds: well under NATS's default 1 MiB max_payload. */
export const MAX_FILE_CHUNK_BYTES = 512 * 1024;

const SIZE = 'Callwire-File-Size';
const MTIME = 'Callwire-File-Mtime';
const OFFSET = 'Callwire-Chunk-Offset';

/** The headers a chunk is sent with. */
export function chunkHeaders(chunk: Omit<FileChunk, 'ok' | 'bytes'>): MsgHdrs {
  const h = headers();
  h.set(SIZE, String(chunk.size));
  h.set(MTIME, String(chunk.mtimeMs));
  h.set(OFFSET, String(chunk.offset));
  return h;
}

/** A refusal's payload. */
export function refusalPayload(error: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ ok: false, error }));
}

/** A reply read back; anything that is neither a chunk nor a refusal is a refusal saying so. */
export function readFileChunkReply(msg: Msg): FileChunkReply {
  const size = numberHeader(msg, SIZE);
  const mtimeMs = numberHeader(msg, MTIME);
  const offset = numberHeader(msg, OFFSET);
  if (size !== undefined && mtimeMs !== undefined && offset !== undefined) return { ok: true, size, mtimeMs, offset, bytes: msg.data };
  try {
    const reply = msg.json<{ ok?: unknown; error?: unknown }>();
    if (reply.ok === false && typeof reply.error === 'string') return { ok: false, error: reply.error };
  } catch {
    // not JSON: said below
  }
  return { ok: false, error: `the answer is neither a file chunk nor a refusal (${msg.data.length} bytes without ${SIZE})` };
}

/**
 * A request read on the core's side.
 * @returns the request, or the one line saying what is wrong with it
 */
export function readFileChunkRequest(data: Uint8Array): FileChunkRequest | string {
  let request: Partial<Record<keyof FileChunkRequest, unknown>>;
  try {
    request = JSON.parse(new TextDecoder().decode(data)) as typeof request;
  } catch {
    return 'the request is not JSON { fileName, offset, length }';
  }
  const { fileName, offset, length } = request ?? {};
  if (typeof fileName !== 'string' || fileName === '') return 'the request has no fileName';
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) return `offset must be a whole number of bytes from 0, not ${JSON.stringify(offset)}`;
  if (!Number.isSafeInteger(length) || (length as number) < 1 || (length as number) > MAX_FILE_CHUNK_BYTES) {
    return `length must be 1 to ${MAX_FILE_CHUNK_BYTES} bytes, not ${JSON.stringify(length)}`;
  }
  return { fileName, offset: offset as number, length: length as number };
}

function numberHeader(msg: Msg, name: string): number | undefined {
  const text = msg.headers?.get(name);
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
