import { Readable } from 'node:stream';

/**
 * An exported file, not yet produced: its type, name suffix, length when
 * known in advance, and the bytes, encoded as they are read. Reading pulls
 * audio from disk through the encoder at the reader's pace (an HTTP
 * response, an SMTP connection), so memory stays flat whatever the length.
 */
export interface EncodedMedia {
  /** MIME type, e.g. `audio/mpeg`. */
  readonly contentType: string;
  /** File name suffix without the dot, e.g. `mp3`. */
  readonly extension: string;
  /** Exact length in bytes when it is known before encoding (sent as Content-Length). */
  readonly byteLength: number | undefined;
  /** The bytes. Call once: each call encodes from the start. */
  open(): Readable;
}

/** A byte stream over an async generator of chunks, pulled only as fast as it is read. */
export function streamOf(chunks: () => AsyncGenerator<Uint8Array>): Readable {
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}
