import type { CallDetailRecord, CallSignals, Clock, Logger } from '@callwire/plugin-api';
import { SignalQueue } from '@callwire/plugin-kit';
import type { RecordParser } from './parsers/record-parser.js';
import type { RejectsFile } from './rejects-file.js';

/** What the reader has done since it was made. */
export interface SmdrCounts {
  /** Lines received. */
  lines: number;
  /** Records stored in call_details. */
  stored: number;
  /** Of those, records that enriched a recording. */
  matched: number;
  /** Lines (or merged records) written to the rejects file. */
  rejected: number;
  /** Headers, rulers, events and calls that reached no device. */
  ignored: number;
}

/** What the reader needs. */
export interface SmdrReaderDeps {
  readonly parser: RecordParser;
  readonly calls: Pick<CallSignals, 'recordCallDetail'>;
  readonly rejects: RejectsFile;
  readonly log: Logger;
  readonly clock: Clock;
  /** The options' maxLineLength: a longer line reaches the reader in pieces, each rejected. */
  readonly maxLineLength: number;
}

/**
 * From lines to stored records: each line goes through the parser, each
 * record through `recordCallDetail` (kept in call_details, and enriching
 * the recording of that device whose time overlaps). Lines are handled one
 * at a time in arrival order (a SignalQueue). A line the parser cannot
 * read, a piece of a line longer than maxLineLength, a line that finds the
 * queue full, and a record the store refuses (a value too long for its
 * column, the database down), is counted, logged with its text and
 * appended to the rejects file; nothing that arrives is dropped silently,
 * and nothing here throws.
 */
export class SmdrReader {
  readonly counts: SmdrCounts = { lines: 0, stored: 0, matched: 0, rejected: 0, ignored: 0 };
  private readonly queue: SignalQueue;

  constructor(private readonly deps: SmdrReaderDeps) {
    this.queue = new SignalQueue({ log: deps.log });
  }

  /** One line from `source` (a port path or a peer address); `cut` for a piece of an over-long one. */
  line(text: string, source: string, cut = false): void {
    const queued = this.queue.push(`SMDR line from ${source}`, () => this.handle(text, source, cut));
    if (!queued) void this.reject(text, source, 'too many lines are waiting to be stored; this one was not read');
  }

  /** Stores what the parser held back for too long (everything when `all`). */
  flush(all: boolean): void {
    if (!this.deps.parser.flush) return;
    this.queue.push('SMDR records held back', async () => {
      for (const record of this.deps.parser.flush!(all)) await this.store(record, 'held back');
    });
  }

  /** Resolves when every line handed in so far has been handled. */
  idle(): Promise<void> {
    return this.queue.drain();
  }

  private async handle(text: string, source: string, cut: boolean): Promise<void> {
    this.counts.lines++;
    if (cut) return this.reject(text, source, `part of a line longer than maxLineLength (${this.deps.maxLineLength}) without a line ending`);
    let outcome;
    try {
      outcome = this.deps.parser.parse(text);
    } catch (err) {
      await this.reject(text, source, (err as Error).message);
      return;
    }
    if (outcome.kind === 'ignored') {
      this.counts.ignored++;
      this.deps.log.debug({ line: text, source }, `SMDR line ignored: ${outcome.reason}`);
    } else if (outcome.kind === 'records') {
      for (const record of outcome.records) await this.store(record, source);
    }
  }

  private async store(record: CallDetailRecord, source: string): Promise<void> {
    try {
      const outcome = await this.deps.calls.recordCallDetail(record);
      this.counts.stored++;
      if (outcome.recordingIdent !== undefined) this.counts.matched++;
      this.deps.log.debug(
        { deviceId: record.deviceId, callId: record.callId, callDetail: outcome.id, recording: outcome.recordingIdent },
        outcome.recordingIdent === undefined ? 'call detail stored; no recording overlaps it' : `call detail stored; enriched recording ${outcome.recordingIdent}`,
      );
    } catch (err) {
      await this.reject(record.raw, source, `device ${record.deviceId}: not stored: ${(err as Error).message}`);
    }
  }

  private async reject(text: string, source: string, reason: string): Promise<void> {
    this.counts.rejected++;
    this.deps.log.warn({ line: text, source, reason }, `SMDR line rejected: ${reason}`);
    try {
      await this.deps.rejects.append(this.deps.clock.now(), source, reason, text);
    } catch (err) {
      this.deps.log.error({ err, line: text }, `could not append to ${this.deps.rejects.path}: ${(err as Error).message}`);
    }
  }
}
