import type { CallDetailRecord } from '@callwire/plugin-api';
import type { MappedField, MappedOptions } from '../options.js';
import { parseDuration } from '../time/duration.js';
import { epochOfWallTime } from '@callwire/plugin-kit';
import { TimePattern } from '../time/time-pattern.js';
import { reject } from './record-parser.js';

/**
 * The part `csv` and `fixed` share: once a record's texts are picked out by
 * field number or column range, they become a CallDetailRecord the same way.
 */
export class MappedRecordReader {
  private readonly pattern: TimePattern;
  private readonly skip: RegExp[];
  private readonly directions: Map<string, 'I' | 'O'>;

  constructor(
    private readonly options: MappedOptions,
    private readonly timeZone: string | undefined,
  ) {
    this.pattern = new TimePattern(options.timeFormat);
    this.skip = options.skip.map((s) => new RegExp(s));
    this.directions = new Map(Object.entries(options.directions).map(([k, v]) => [k.trim().toUpperCase(), v]));
  }

  /** True for a line an option says is not a record. */
  skips(line: string): boolean {
    return this.skip.some((r) => r.test(line));
  }

  /** The record whose mapped texts `text(field)` returns (undefined for an unmapped field); throws RejectedLine. */
  read(line: string, text: (field: MappedField) => string | undefined, now: number): CallDetailRecord {
    const value = (field: MappedField) => {
      const t = text(field)?.trim();
      return t === '' ? undefined : t;
    };
    const deviceId = value('deviceId');
    if (deviceId === undefined) reject('the device field is blank');
    const when = value('start') ?? [value('date'), value('time')].filter((t) => t !== undefined).join(' ');
    let local;
    let durationSeconds;
    try {
      local = this.pattern.parse(when, now, this.timeZone);
      durationSeconds = parseDuration(value('duration') ?? '0')!;
    } catch (err) {
      reject((err as Error).message);
    }
    const printed = epochOfWallTime(local, this.timeZone);
    const directionText = value('direction');
    return {
      deviceId,
      startTime: this.options.timeIs === 'end' ? printed - durationSeconds * 1000 : printed,
      durationSeconds,
      ani: value('ani'),
      dnis: value('dnis'),
      direction: directionText === undefined ? undefined : this.directions.get(directionText.toUpperCase()),
      callId: value('callId'),
      accountCode: value('accountCode'),
      raw: line,
    };
  }
}
