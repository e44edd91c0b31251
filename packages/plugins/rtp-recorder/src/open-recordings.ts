import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PluginContext } from '@callwire/plugin-api';
import { repairWavHeader, type WavFormat } from '@callwire/plugin-kit';
import { LineAppender } from './line-appender.js';

/** Markers checked at once at start-up. */
const REPAIR_CONCURRENCY = 8;
/** Files named in the repair log line; the count is always there. */
const NAMED_IN_LOG = 20;

/** A recording's format, as its note keeps it. */
interface Noted {
  readonly channels: number;
  readonly sampleRate: number;
}

/** What a marker file of an earlier version holds: the recording's file, its format, and the process writing it. */
interface Marker extends Noted {
  readonly file: string;
  readonly pid: number;
}

/** What start-up repair did. */
export interface RepairReport {
  /** Recordings left open by an earlier run whose file was checked. */
  readonly checked: number;
  /** Of those, the ones whose header was rewritten. */
  readonly repaired: readonly string[];
  /** Left alone: still open by another live process sharing the directory. */
  readonly live: number;
}

/** Lines the journal takes before it is rewritten with only the recordings still open. */
const COMPACT_AFTER = 4096;
const JOURNAL = /^open-recordings-(\d+)\.jsonl$/;

/**
 * The recordings a core has open, kept on disk so that the next run knows
 * which files a crash cut off: a journal in the plugin's data directory
 * (`open-recordings-<pid>.jsonl`) gets a line when a WAV file is created and
 * one when it is closed with its real sizes. Lines of calls starting and
 * stopping together share one write, and the journal is rewritten with only
 * what is open every few thousand lines. At start-up the journals of
 * processes that are gone name exactly the interrupted files — no more than
 * the core had channels — so repair reads a few headers, not the recordings
 * tree. (Marker files of earlier versions, one `.json` per recording, are
 * repaired too.)
 */
export class OpenRecordings {
  private made = false;
  private readonly open = new Map<string, Noted>();
  private readonly journal: LineAppender | undefined;
  private lines = 0;

  /**
   * @param dir undefined: nothing is kept, nothing repaired (a core built without a data directory)
   * @param compactAfter lines the journal takes before it is rewritten with only what is open
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly log: PluginContext['log'],
    private readonly compactAfter = COMPACT_AFTER,
  ) {
    this.journal = dir === undefined ? undefined : new LineAppender(join(dir, `open-recordings-${process.pid}.jsonl`));
  }

  /** Notes that `file` is being written. */
  async add(file: string, format: WavFormat): Promise<void> {
    if (!this.journal) return;
    const noted = { channels: format.channels, sampleRate: format.sampleRate };
    this.open.set(file, noted);
    await this.write({ open: file, ...noted });
  }

  /** Notes that `file` was closed with its real sizes. */
  async remove(file: string): Promise<void> {
    if (!this.journal || !this.open.delete(file)) return;
    await this.write({ closed: file });
  }

  /** Closes the journal (at stop); it is deleted when no recording is left open. */
  async close(): Promise<void> {
    await this.journal?.close(this.open.size === 0);
  }

  private async write(entry: object): Promise<void> {
    if (!this.made) {
      await mkdir(this.dir!, { recursive: true });
      this.made = true;
    }
    if (++this.lines < this.compactAfter) return this.journal!.append(JSON.stringify(entry));
    this.lines = this.open.size;
    await this.journal!.rewrite([...this.open].map(([file, noted]) => JSON.stringify({ open: file, ...noted })));
  }

  /**
   * Mends the headers of the recordings an earlier run left open (it was
   * killed, or the machine went down) and forgets them; logs how many were
   * repaired. Never throws: a file that cannot be mended is logged and
   * skipped.
   */
  async repair(): Promise<RepairReport> {
    if (!this.dir) return { checked: 0, repaired: [], live: 0 };
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn({ err, dir: this.dir }, `cannot read the list of recordings left open: ${(err as Error).message}`);
      return { checked: 0, repaired: [], live: 0 };
    }
    const notes = (await Promise.all(names.map((name) => this.readNote(join(this.dir!, name))))).filter((note) => note !== undefined);
    // another live process's notes stay for when it has gone
    const live = notes.filter((note) => note.pid !== process.pid && isAlive(note.pid));
    const left = notes.filter((note) => !live.includes(note));
    const queue = left.flatMap((note) => note.files);
    const repaired: string[] = [];
    let checked = 0;
    const worker = async () => {
      for (let marker = queue.shift(); marker !== undefined; marker = queue.shift()) {
        const outcome = await this.repairOne(marker);
        if (outcome === 'skipped') continue;
        checked++;
        if (outcome === 'repaired') repaired.push(marker.file);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REPAIR_CONCURRENCY, queue.length) }, worker));
    await Promise.all(left.map((note) => unlink(note.path).catch(() => undefined)));
    if (checked > 0) {
      this.log[repaired.length > 0 ? 'warn' : 'info'](
        { repaired: repaired.length, checked, files: repaired.slice(0, NAMED_IN_LOG) },
        `repaired the WAV header of ${repaired.length} of ${checked} recording(s) left open by the previous run`,
      );
    }
    const stillOpen = live.reduce((sum, note) => sum + note.files.length, 0);
    if (stillOpen > 0) this.log.info({ live: stillOpen }, `${stillOpen} recording(s) are still being written by another process; left alone`);
    return { checked, repaired, live: stillOpen };
  }

  /** A journal, or an earlier version's marker: the process that wrote it and the files it left open; undefined for anything else. */
  private async readNote(path: string): Promise<{ path: string; pid: number; files: Marker[] } | undefined> {
    const journal = JOURNAL.exec(basename(path));
    if (!journal && !path.endsWith('.json')) return undefined;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      this.log.warn({ err, note: path }, `cannot read a note of open recordings: ${(err as Error).message}`);
      return undefined;
    }
    if (journal) {
      const pid = Number(journal[1]);
      return { path, pid, files: this.replay(path, text, pid) };
    }
    try {
      const marker = JSON.parse(text) as Marker;
      if (typeof marker.file !== 'string' || !(marker.channels > 0) || !(marker.sampleRate > 0)) throw new Error('not a marker');
      return { path, pid: marker.pid, files: [marker] };
    } catch (err) {
      this.log.warn({ err, marker: path }, `an unreadable note of an open recording was dropped: ${(err as Error).message}`);
      return { path, pid: 0, files: [] };
    }
  }

  /** The files a journal leaves open: each opened and not closed. A line cut off by the crash is skipped. */
  private replay(path: string, text: string, pid: number): Marker[] {
    const open = new Map<string, Marker>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let entry: { open?: unknown; closed?: unknown; channels?: number; sampleRate?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        this.log.warn({ journal: path }, `skipping an unreadable line of a journal of open recordings: ${line.slice(0, 80)}`);
        continue;
      }
      if (typeof entry.closed === 'string') open.delete(entry.closed);
      else if (typeof entry.open === 'string' && entry.channels! > 0 && entry.sampleRate! > 0) {
        open.set(entry.open, { file: entry.open, channels: entry.channels!, sampleRate: entry.sampleRate!, pid });
      }
    }
    return [...open.values()];
  }

  private async repairOne(marker: Marker): Promise<'repaired' | 'intact' | 'skipped'> {
    try {
      return (await repairWavHeader(marker.file, marker)) === 'repaired' ? 'repaired' : 'intact';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') this.log.info({ file: marker.file }, 'a recording left open by the previous run is gone');
      else this.log.error({ err, file: marker.file }, `the WAV header of a recording left open by the previous run cannot be repaired: ${(err as Error).message}`);
      return 'skipped';
    }
  }
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
