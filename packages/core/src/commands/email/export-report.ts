import { pipeline, Transform } from 'node:stream';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { ExportFile } from '../../media/index.js';
import type { ApiSession } from '../api-command.js';

/**
 * The one info line of an export or mail (EXPORT, COMBINEDEXPORT,
 * MULTIEXPORT, EMAIL, COMBINEDEMAIL) that went out: who asked (the WebAPI
 * user when known, and from where), the recordings' idents, the format, the
 * bytes that left and how long it took. Begun when the request arrives; a
 * download's line is written when the client has read the file (or left
 * before the end), a mail's once the mail server took the message. Work per
 * export, none per ordinary request.
 */
export class ExportReport {
  private readonly since: number;

  constructor(
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly action: string,
    private readonly session: ApiSession,
  ) {
    this.since = clock.now();
  }

  /** The file, its bytes counted as they are read; its line is written when the reading ends. */
  download(file: ExportFile): ExportFile {
    return counted(file, (bytes, complete) => this.write(file, bytes, complete ? 'sent' : 'cut short (the client left)', {})).file;
  }

  /** Mails the file with `send` (handed the counting copy); its line is written once `send` resolved. */
  async mail(file: ExportFile, recipients: number, send: (file: ExportFile) => Promise<void>): Promise<void> {
    const copy = counted(file);
    await send(copy.file);
    this.write(file, copy.bytes(), `mailed to ${recipients} recipient${recipients === 1 ? '' : 's'}`, { recipients });
  }

  private write(file: ExportFile, bytes: number, outcome: string, more: Record<string, unknown>): void {
    const idents = file.recordings.map((recording) => recording.ident);
    const ms = this.clock.now() - this.since;
    const who = this.session.principal?.username;
    const audioSeconds = file.recordings.reduce((sum, recording) => sum + (recording.duration ?? 0), 0);
    this.log.info(
      { action: this.action, who, from: this.session.remoteAddress, idents, format: file.format, file: file.fileName, bytes, ms, audioSeconds, ...more },
      `${this.action} of recording${idents.length === 1 ? '' : 's'} ${idents.join(',')} as ${file.format} ${outcome}: ${bytes} bytes in ${ms} ms${who ? ` for ${who}` : ''}`,
    );
  }
}

/** A copy of `file` whose stream counts the bytes read from it; `ended` hears the count once, at the end or when the reader gave up. */
function counted(file: ExportFile, ended?: (bytes: number, complete: boolean) => void): { file: ExportFile; bytes: () => number } {
  let bytes = 0;
  const open = () => {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    let reported = false;
    const report = (complete: boolean) => {
      if (!reported) ended?.(bytes, complete);
      reported = true;
    };
    counter.once('end', () => report(true));
    counter.once('close', () => report(false));
    // pipeline: a reader that destroys the counter stops the encoding too.
    return pipeline(file.media.open(), counter, () => undefined);
  };
  return { file: { ...file, media: { ...file.media, open } }, bytes: () => bytes };
}
