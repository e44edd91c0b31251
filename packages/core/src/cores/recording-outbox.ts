import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { systemTimers, type TimerHandle, type Timers } from '../clock.js';
import type { NewRecording, RecordingCompletion, RecordingUpdate, Storage } from '../storage/index.js';

/**
 * One recording's row as the outbox keeps it until the database has it: the
 * row to insert (when the start-time insert failed) and, once the recording
 * stopped, its completion.
 */
export interface OutboxEntry {
  /** The engine's recording key (unique within one run). */
  readonly key: string;
  /** The row's IDENT, once inserted. */
  ident?: number;
  /** The row to insert; what changes before its insert is stored is merged in. */
  row: NewRecording;
  completion?: RecordingCompletion;
}

export interface RecordingOutboxOptions {
  readonly storage: Pick<Storage, 'recordings'>;
  readonly log: Logger;
  /**
   * The journal file (JSON lines) that keeps entries across a crash or a
   * restart; absent = kept in memory only (tests, embedded engines).
   */
  readonly journalPath?: string;
  /** Delay before the first retry, doubled up to `maxRetryMs`. */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** The timers the retries wait on (the engine's; Node's by default). */
  readonly timers?: Timers;
}

/**
 * The durable queue for the Recording table's writes that must not be lost
 * (as Oreka's reporting queue): a recording's row at start and its completion
 * at stop. A write the database refuses (it is down, restarting, or its disk
 * is full) is kept in a journal file and retried with backoff until stored,
 * in order; what is still queued at the next start is written before rows
 * left open are closed as interrupted. So a CALLSTOP answered API_OK is in
 * the database or in the journal, never only in memory.
 */
export class RecordingOutbox {
  private readonly entries = new Map<string, OutboxEntry>();
  /** The completion each entry's last successful store wrote (undefined: the insert only). */
  private readonly applied = new WeakMap<OutboxEntry, RecordingCompletion | undefined>();
  /** IDENTs of start-time inserts stored by a retry, until their completion comes (so it updates, not inserts again). */
  private readonly insertedLater = new Map<string, number>();
  private timer: TimerHandle | undefined;
  private delay: number;
  private flushing: Promise<void> | undefined;
  /** Called with an entry once it is stored (RECORDINGUPDATE follows a completed row). */
  onStored: (entry: OutboxEntry) => void = () => undefined;

  private readonly timers: Timers;

  constructor(private readonly options: RecordingOutboxOptions) {
    this.delay = options.firstRetryMs ?? 500;
    this.timers = options.timers ?? systemTimers;
  }

  /** Writes not stored yet. */
  get pending(): number {
    return this.entries.size;
  }

  /**
   * Reads the journal left by the previous run and stores what it holds.
   * Entries that still cannot be stored stay queued (and journaled).
   * @returns how many entries the journal held
   */
  async open(): Promise<number> {
    const path = this.options.journalPath;
    if (path === undefined) return 0;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const found = parseJournal(text, (line) => this.options.log.error(`recording journal ${path}: skipping an unreadable line: ${line.slice(0, 80)}`));
    // keys are per run: the previous run's get their own prefix so they cannot meet this run's
    for (const entry of found) this.entries.set(`previous:${entry.key}`, { ...entry, key: `previous:${entry.key}` });
    if (found.length > 0) {
      this.options.log.warn({ journal: path, entries: found.length }, `storing ${found.length} recording write(s) queued by the previous run`);
      await this.flush();
    }
    return found.length;
  }

  /**
   * Inserts the open row of a recording that has just started.
   * @returns its IDENT, or undefined when the write was queued for retry
   */
  async insert(key: string, row: NewRecording): Promise<number | undefined> {
    const entry: OutboxEntry = { key, row };
    const failure = await this.store(entry);
    if (failure === STORED) return entry.ident;
    await this.enqueue(entry, 'could not write the recording row at start', failure);
    return undefined;
  }

  /**
   * Completes a recording's row (inserting it first when that never
   * succeeded). Resolves once it is stored or journaled.
   * @returns true when stored now, false when queued for retry
   */
  async complete(key: string, ident: number | undefined, row: NewRecording, completion: RecordingCompletion): Promise<boolean> {
    ident ??= this.insertedLater.get(key);
    this.insertedLater.delete(key);
    const queued = this.entries.get(key);
    if (queued) {
      // its insert is still queued: the completion goes with it, in order
      queued.completion = completion;
      await this.journal();
      return false;
    }
    const entry: OutboxEntry = { key, ident, row, completion };
    const failure = await this.store(entry);
    if (failure === STORED) return true;
    await this.enqueue(entry, 'could not save a finished recording', failure);
    return false;
  }

  /**
   * Changes the row of a recording whose start-time insert is still queued
   * (a CALLUPDATE, a blackout span while the database is away), so the row
   * stored later carries it.
   * @returns false when no insert of that recording is waiting (its row is in the database)
   */
  async amend(key: string, columns: RecordingUpdate): Promise<boolean> {
    const queued = this.entries.get(key);
    if (!queued || queued.ident !== undefined) return false;
    queued.row = { ...queued.row, ...columns } as NewRecording;
    await this.journal();
    return true;
  }

  /** Tries once more to store what is queued (at stop); what remains stays in the journal. */
  async drain(): Promise<void> {
    this.cancelRetry();
    if (this.entries.size > 0) await this.flush();
    this.cancelRetry();
    if (this.entries.size > 0) {
      this.options.log.error({ pending: this.entries.size, journal: this.options.journalPath },
        `${this.entries.size} recording write(s) could not be stored before stopping; they are kept in the journal for the next start`);
    }
  }

  /** One attempt: STORED, or why not. */
  private async store(entry: OutboxEntry): Promise<unknown> {
    const { recordings } = this.options.storage;
    try {
      entry.ident ??= await recordings.insertOpen(entry.row);
      const completion = entry.completion;
      // false: no open row has this IDENT — it was completed already (a replayed entry)
      if (completion) await recordings.complete(entry.ident, completion);
      this.applied.set(entry, completion);
      return STORED;
    } catch (err) {
      return err;
    }
  }

  private async enqueue(entry: OutboxEntry, what: string, err: unknown): Promise<void> {
    this.options.log.error({ err, device: entry.row.device_id, file: entry.row.filename },
      `${what}; it is queued and retried until the database takes it: ${(err as Error).message}`);
    this.entries.set(entry.key, entry);
    await this.journal();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.flushing) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delay);
    this.timer.unref?.();
  }

  private cancelRetry(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stores queued entries in order, stopping at the first that fails. */
  private flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = undefined;
      if (this.entries.size > 0) this.schedule();
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    let stored = 0;
    for (const entry of [...this.entries.values()]) {
      let outcome: unknown;
      // a completion may join the entry while its insert is being stored: store until what is stored is what it holds
      do outcome = await this.store(entry);
      while (outcome === STORED && entry.completion !== this.applied.get(entry));
      if (outcome !== STORED) {
        if (entry.ident !== undefined) await this.journal(); // the insert went through: keep its IDENT
        break;
      }
      this.entries.delete(entry.key);
      if (!entry.completion && entry.ident !== undefined && !entry.key.startsWith('previous:')) this.insertedLater.set(entry.key, entry.ident);
      stored++;
      this.onStored(entry);
    }
    if (stored === 0) {
      this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 30_000);
      return;
    }
    this.delay = this.options.firstRetryMs ?? 500;
    await this.journal();
    this.options.log.info({ stored, pending: this.entries.size }, `stored ${stored} queued recording write(s); ${this.entries.size} still queued`);
  }

  /** Rewrites the journal with what is queued now (write then rename: never half a journal). */
  private async journal(): Promise<void> {
    const path = this.options.journalPath;
    if (path === undefined) return;
    const lines = [...this.entries.values()].map((e) => JSON.stringify({ key: e.key, ident: e.ident, row: e.row, completion: e.completion }));
    try {
      if (lines.length === 0) {
        await writeFile(path, '');
      } else {
        await writeFile(`${path}.tmp`, `${lines.join('\n')}\n`, { flush: true });
        await rename(`${path}.tmp`, path);
      }
    } catch (err) {
      // the disk itself is failing: the entries stay queued in memory and are retried
      this.options.log.error({ err, journal: path }, `could not write the recording journal: ${(err as Error).message}`);
    }
  }
}

const STORED = Symbol('stored');

function parseJournal(text: string, skip: (line: string) => void): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as OutboxEntry;
      if (typeof entry.key !== 'string' || typeof entry.row !== 'object' || entry.row === null) throw new Error('not an entry');
      entries.push(entry);
    } catch {
      skip(line);
    }
  }
  return entries;
}
