import type { Clock } from '@callwire/plugin-api';
import type { FixedOptions } from '../options.js';
import { MappedRecordReader } from './mapped-record.js';
import { reject, type LineOutcome, type RecordParser } from './record-parser.js';

/**
 * Generic fixed-width records: `fixed.columns` gives each call field's
 * `[from, to]` columns (1-based, inclusive, as PBX manuals print them). A
 * line that ends before the device, time or duration columns start is
 * rejected; a shorter optional field (trailing blanks cut) reads as blank.
 */
export class FixedParser implements RecordParser {
  private readonly reader: MappedRecordReader;
  private readonly needed: number;

  constructor(
    private readonly options: FixedOptions,
    timeZone: string | undefined,
    private readonly clock: Clock,
  ) {
    this.reader = new MappedRecordReader(options, timeZone);
    const c = options.columns;
    this.needed = Math.max(...(['deviceId', 'start', 'date', 'time', 'duration'] as const).map((f) => c[f]?.[0] ?? 0));
  }

  parse(line: string): LineOutcome {
    if (this.reader.skips(line)) return { kind: 'ignored', reason: 'matches a skip pattern' };
    if (line.length < this.needed) reject(`the line ends at column ${line.length}; the mapping reads from column ${this.needed}`);
    const record = this.reader.read(line, (f) => {
      const range = this.options.columns[f];
      return range === undefined ? undefined : line.slice(range[0] - 1, range[1]);
    }, this.clock.now());
    return { kind: 'records', records: [record] };
  }
}
