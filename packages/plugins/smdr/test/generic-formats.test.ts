import assert from 'node:assert/strict';
import { smdrOptionsSchema } from '../src/options.js';
import { CsvParser, splitDelimited } from '../src/parsers/csv.js';
import { FixedParser } from '../src/parsers/fixed.js';
import { fixedClock, parseAll } from './support/parse-all.js';
import { SAMSUNG_FIXED, THREECX_CSV } from './support/generic-mappings.js';
import { sampleLines } from './support/samples.js';

/** The options as the host would validate them. */
const options = (o: Record<string, unknown>) => smdrOptionsSchema.parse({ tcp: { listen: { port: 0 } }, ...o });

describe('csv and fixed parsers', () => {
  const clock = fixedClock('2026-11-27T12:00:00Z');

  it('csv: reads the 3CX sample through a field mapping', () => {
    const o = options({ format: 'csv', timezone: 'UTC', csv: THREECX_CSV });
    assert.deepEqual(parseAll(new CsvParser(o.csv!, o.timezone, clock), sampleLines('3cx_cdr.txt')), [
      [{ start: '2023-09-19T13:33:54.000Z', deviceId: '960', durationSeconds: 336, ani: '+353861777149', dnis: '960', callId: '00000C21DE5C2470_6531' }],
      'ignored: matches a skip pattern',
    ]);
  });

  it('csv: quoted fields, separate date and time fields, 12-hour times, direction texts, end times', () => {
    const o = options({
      format: 'csv', timezone: 'UTC',
      csv: { delimiter: ';', fields: { date: 1, time: 2, duration: 3, deviceId: 4, direction: 5, ani: 6, accountCode: 7 }, timeFormat: 'DD.MM.YY h:mmA', timeIs: 'end' },
    });
    assert.deepEqual(parseAll(new CsvParser(o.csv!, o.timezone, clock), [
      '03.02.25;2:15 pm;90;201;Inbound;"+49 30 1234";"a;b ""c"""',
      '03.02.25;2:15 pm;90;201;sideways;;',
      '03.02.25;2:15;90;201;I;;',
      '03.02.25;2:15 pm;90',
      '03.02.25;2:15 pm;90;;I;;',
      '03.02.25;2:15 pm;ninety;201;I;;',
      '03.02.25;2:15 pm;90;201;I;"open;',
    ]), [
      [{ start: '2025-02-03T14:14:00.000Z', deviceId: '201', durationSeconds: 90, direction: 'I', ani: '+49 30 1234', accountCode: 'a;b "c"' }],
      [{ start: '2025-02-03T14:14:00.000Z', deviceId: '201', durationSeconds: 90 }],
      "rejected: '03.02.25 2:15' does not match the time format 'DD.MM.YY h:mmA'",
      'rejected: 3 fields; the mapping reads field 7',
      'rejected: the device field is blank',
      "rejected: 'ninety' is not a duration",
      'rejected: a quoted field is not closed',
    ]);
  });

  it('splits delimited text without quoting when no quote is configured', () => {
    assert.deepEqual(splitDelimited('a,"b,c",d', ',', ''), ['a', '"b', 'c"', 'd']);
    assert.deepEqual(splitDelimited('a,"b,c",d', ',', '"'), ['a', 'b,c', 'd']);
  });

  it('fixed: reads the Samsung OfficeServ sample through column ranges, inferring the year', () => {
    const o = options({ format: 'fixed', timezone: 'UTC', fixed: SAMSUNG_FIXED });
    assert.deepEqual(parseAll(new FixedParser(o.fixed!, o.timezone, clock), sampleLines('samsung_officeserv_smdr.txt')), [
      'ignored: matches a skip pattern',
      'ignored: matches a skip pattern',
      'ignored: matches a skip pattern',
      'ignored: matches a skip pattern',
      [{ start: '2026-01-02T17:15:13.000Z', deviceId: '201', durationSeconds: 28, direction: 'I' }],
      [{ start: '2026-01-02T17:15:41.000Z', deviceId: '205', durationSeconds: 2, direction: 'I', ani: '13054264100' }],
      [{ start: '2026-01-02T17:24:49.000Z', deviceId: '217', durationSeconds: 25, direction: 'I', ani: '13055557890' }],
      [{ start: '2026-01-02T17:25:14.000Z', deviceId: '202', durationSeconds: 3, direction: 'I', ani: '13055552354' }],
      [{ start: '2026-01-02T17:25:56.000Z', deviceId: '202', durationSeconds: 0, direction: 'O', dnis: '4264100' }],
      [{ start: '2026-01-02T17:29:54.000Z', deviceId: '203', durationSeconds: 87, direction: 'O', dnis: '5556420' }],
      [{ start: '2026-01-02T17:31:06.000Z', deviceId: '205', durationSeconds: 180, direction: 'I', ani: '13055556420' }],
      [{ start: '2026-01-02T17:33:24.000Z', deviceId: '209', durationSeconds: 138, direction: 'I', ani: '13055556420' }],
      'rejected: the device field is blank',
      'rejected: the device field is blank',
    ]);
  });

  it('fixed: rejects a line that ends before the mapped columns', () => {
    const o = options({ format: 'fixed', timezone: 'UTC', fixed: SAMSUNG_FIXED });
    assert.deepEqual(parseAll(new FixedParser(o.fixed!, o.timezone, clock), ['201       701 01/02 17:15']), [
      'rejected: the line ends at column 25; the mapping reads from column 30',
    ]);
  });
});
