import type { CallDetailRecord, Clock } from '@callwire/plugin-api';
import type { RecordParser } from '../../src/parsers/record-parser.js';

/** A clock fixed at `iso`: parsers read it to infer years. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = Date.parse(iso);
  return { now: () => now, set: (to) => void (now = Date.parse(to)) };
}

/** A record without its raw text, times as ISO strings: what the assertions compare. */
export type Fields = Omit<CallDetailRecord, 'raw' | 'startTime'> & { start: string };

/** The fields of a record, `undefined` ones left out. */
export function fields(record: CallDetailRecord): Fields {
  const { raw: _raw, startTime, ...rest } = record;
  const out: Record<string, unknown> = { start: new Date(startTime).toISOString() };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  return out as Fields;
}

/** What each line became: records' fields, `pending`, `ignored: <reason>` or `rejected: <reason>`. */
export function parseAll(parser: RecordParser, lines: readonly string[]): (Fields[] | string)[] {
  return lines.map((line) => {
    try {
      const outcome = parser.parse(line);
      if (outcome.kind === 'records') return outcome.records.map(fields);
      return outcome.kind === 'ignored' ? `ignored: ${outcome.reason}` : 'pending';
    } catch (err) {
      return `rejected: ${(err as Error).message}`;
    }
  });
}
