import type { Clock } from '@callwire/plugin-api';
import { MAPPED_FIELDS, type CsvOptions } from '../options.js';
import { MappedRecordReader } from './mapped-record.js';
import { reject, type LineOutcome, type RecordParser } from './record-parser.js';

/**
 * Generic delimited records: `csv.fields` says which field (1 = first) holds
 * which call field. Quoted fields may hold the delimiter; a doubled quote
 * inside is one quote. A line with fewer fields than the highest mapped
 * field number is rejected.
 */
export class CsvParser implements RecordParser {
  private readonly reader: MappedRecordReader;
  private readonly needed: number;

  constructor(
    private readonly options: CsvOptions,
    timeZone: string | undefined,
    private readonly clock: Clock,
  ) {
    this.reader = new MappedRecordReader(options, timeZone);
    this.needed = Math.max(...MAPPED_FIELDS.map((f) => options.fields[f] ?? 0));
  }

  parse(line: string): LineOutcome {
    if (this.reader.skips(line)) return { kind: 'ignored', reason: 'matches a skip pattern' };
    const fields = splitDelimited(line, this.options.delimiter, this.options.quote);
    if (fields.length < this.needed) reject(`${fields.length} fields; the mapping reads field ${this.needed}`);
    const record = this.reader.read(line, (f) => {
      const n = this.options.fields[f];
      return n === undefined ? undefined : fields[n - 1];
    }, this.clock.now());
    return { kind: 'records', records: [record] };
  }
}

/** Splits one delimited line; `quote` '' means fields are never quoted. Throws RejectedLine on an unclosed quote. */
export function splitDelimited(line: string, delimiter: string, quote: string): string[] {
  if (quote === '' || !line.includes(quote)) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === quote && line[i + 1] === quote) {
        field += quote;
        i++;
      } else if (c === quote) quoted = false;
      else field += c;
    } else if (c === quote && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) reject('a quoted field is not closed');
  fields.push(field);
  return fields;
}
