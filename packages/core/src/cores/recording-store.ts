import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { NewRecording, Recording, RecordingCompletion, RecordingUpdate, Storage } from '../storage/index.js';
import type { RecordingOutbox } from './recording-outbox.js';

export interface RecordingStoreDeps {
  readonly outbox: RecordingOutbox;
  readonly storage: Pick<Storage, 'recordings'>;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The one writer of the Recording table. A recording's row at start and its
 * completion at stop go through the outbox (journaled and retried until the
 * database has them, so a stop answered API_OK is never lost); changes to a
 * row — a live call's CALLUPDATE, its blackout spans, a stored recording's
 * RECORDID update, call-detail enrichment — are written at once, and a
 * refusal there is the request's to answer. A change to a row whose insert
 * is still queued joins the queued row.
 */
export class RecordingStore {
  /** Who hears the IDENT of a start-time row a retry stored, by recording key. */
  private readonly identified = new Map<string, (ident: number) => void>();
  /** What follows a completion the outbox stored on a retry (RECORDINGUPDATE), by recording key. */
  private readonly savedLater = new Map<string, () => void>();

  constructor(private readonly deps: RecordingStoreDeps) {
    deps.outbox.onStored = (entry) => {
      const waiting = entry.completion ? this.savedLater : undefined;
      if (entry.ident !== undefined) this.identified.get(entry.key)?.(entry.ident);
      this.identified.delete(entry.key);
      waiting?.get(entry.key)?.();
      waiting?.delete(entry.key);
    };
  }

  /**
   * At start-up: what the previous run acknowledged but could not store goes
   * in first; rows still open after it were interrupted and are closed.
   */
  async open(): Promise<void> {
    const { outbox, storage, clock, log } = this.deps;
    await outbox.open();
    const interrupted = await storage.recordings.closeInterrupted(clock.now());
    if (interrupted > 0) log.warn({ interrupted }, `closed ${interrupted} recording(s) left open by the previous run`);
  }

  /**
   * The open row of a recording that has just started.
   * @param identified hears the IDENT when the insert is queued and a retry stores it later
   * @returns its IDENT, or undefined when the write was queued
   */
  async insert(key: string, row: NewRecording, identified: (ident: number) => void): Promise<number | undefined> {
    this.identified.set(key, identified); // before the write: a retry may store it before this resolves
    const ident = await this.deps.outbox.insert(key, row);
    if (ident !== undefined) this.identified.delete(key);
    return ident;
  }

  /**
   * Completes a recording's row; `saved` runs once it is stored — now, or
   * when a retry stores it. Resolves once it is stored or journaled.
   */
  async complete(key: string, ident: number | undefined, row: NewRecording, completion: RecordingCompletion, saved: () => void): Promise<void> {
    this.identified.delete(key);
    this.savedLater.set(key, saved); // before the write, as for insert
    if (await this.deps.outbox.complete(key, ident, row, completion)) {
      this.savedLater.delete(key);
      saved();
    }
  }

  /** Changes columns of a running recording's row (its IDENT, or its key while the insert is queued). */
  async update(key: string, ident: number | undefined, columns: RecordingUpdate): Promise<void> {
    if (ident !== undefined) await this.deps.storage.recordings.update(ident, columns);
    else await this.deps.outbox.amend(key, columns);
  }

  /**
   * Changes a stored recording (CALLUPDATE with RECORDID or
   * UPDATE_IF_NOT_RECORDING, a call detail record's enrichment).
   * @returns the row as it is now, or undefined when no recording has that IDENT
   */
  async updateStored(ident: number, columns: RecordingUpdate): Promise<Recording | undefined> {
    const { recordings } = this.deps.storage;
    return (await recordings.update(ident, columns)) ? recordings.findByIdent(ident) : undefined;
  }

  /** At stop: one more try for what is queued; what remains stays in the journal. */
  drain(): Promise<void> {
    return this.deps.outbox.drain();
  }
}
