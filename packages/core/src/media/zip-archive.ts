import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { EncodedMedia } from './encoded-media.js';

/** One file in a ZIP. */
export interface ArchiveEntry {
  readonly name: string;
  readonly media: EncodedMedia;
  /** The entry's date (the recording's time). */
  readonly modified?: Date;
}

/**
 * A ZIP of `entries`, streamed with yazl: each entry is encoded only when
 * the archive reaches it, so one file is open at a time. Entries are stored,
 * not deflated — compressed audio does not shrink and PCM barely does, and
 * deflate would cost more CPU than the bytes it saves. An entry that fails
 * fails the archive; a reader that goes away stops the encoding.
 */
export function zipArchive(entries: readonly ArchiveEntry[]): EncodedMedia {
  return {
    contentType: 'application/zip',
    extension: 'zip',
    byteLength: undefined,
    open: () => {
      const zip = new ZipFile();
      const output = new PassThrough({ highWaterMark: 64 * 1024 });
      const open = new Set<Readable>();
      const fail = (err: Error) => output.destroy(err);
      zip.on('error', fail);
      output.once('close', () => {
        for (const stream of open) stream.destroy();
      });
      for (const entry of entries) {
        zip.addReadStreamLazy(entry.name, { compress: false, mtime: entry.modified ?? new Date() }, (callback) => {
          const stream = entry.media.open();
          open.add(stream);
          stream.once('error', fail);
          stream.once('close', () => open.delete(stream));
          callback(null, stream);
        });
      }
      zip.end();
      (zip.outputStream as Readable).once('error', fail).pipe(output);
      return output;
    },
  };
}
