import assert from 'node:assert/strict';
import { MitelParser, type MitelOptions } from '../src/parsers/mitel.js';
import { fixedClock, parseAll } from './support/parse-all.js';
import { sampleLines } from './support/samples.js';

describe('mitel parser', () => {
  const clock = fixedClock('2026-11-27T12:00:00Z');
  const defaults: MitelOptions = { timeZone: 'UTC', clock: 'auto', extendedDigitLength: 'auto', meterPulses: false };
  const parser = (options: Partial<MitelOptions> = {}) => new MitelParser({ ...defaults, ...options }, clock);
  const lines = sampleLines('mitel_mivoice_sx200_smdr.txt');

  it('reads the documented template records at their columns, and rejects those whose columns do not line up', () => {
    assert.deepEqual(parseAll(parser(), lines.slice(0, 6)), [
      [{ start: '2026-06-13T23:42:30.000Z', deviceId: '214', durationSeconds: 509, direction: 'O', ani: '214', dnis: '6135952122' }],
      "rejected: calling party '213p' is neither an extension, an attendant nor a trunk",
      "rejected: no station in the record: calling party 'T102', called party '201k'",
      "rejected: no station in the record: calling party 'X116', called party '224k'",
      [{ start: '2026-01-30T15:27:30.000Z', deviceId: '201', durationSeconds: 2111, direction: 'O', ani: '201', dnis: '16545996951' }],
      [{ start: '2026-04-15T13:42:30.000Z', deviceId: 'ATT2', durationSeconds: 31, direction: 'I' }],
    ]);
  });

  it('reads real Extended Digit Length records with seconds, telling the layout from each record', () => {
    assert.deepEqual(parseAll(parser(), lines.slice(6, 13)), [
      [{ start: '2026-03-05T13:14:13.000Z', deviceId: '9999', durationSeconds: 0, direction: 'O', ani: '9999', dnis: '9999999999' }],
      [{ start: '2026-03-05T13:15:09.000Z', deviceId: '9907', durationSeconds: 21, direction: 'I', dnis: '9999' }],
      [{ start: '2026-03-05T13:38:35.000Z', deviceId: '9999', durationSeconds: 419, direction: 'O', ani: '9999', dnis: '9999999999' }],
      [{ start: '2026-03-05T13:52:06.000Z', deviceId: '9908', durationSeconds: 48, direction: 'I', dnis: '9999' }],
      [{ start: '2026-03-05T15:41:05.000Z', deviceId: '9999', durationSeconds: 7, direction: 'O', ani: '9999', dnis: '9999999999' }],
      [{ start: '2026-03-05T15:42:46.000Z', deviceId: '9999', durationSeconds: 6, direction: 'I', dnis: '9999' }],
      [{ start: '2026-03-05T15:42:52.000Z', deviceId: '9999', durationSeconds: 5, direction: 'I', dnis: '9999' }],
    ]);
  });

  it('takes ANI and DNIS from the columns configured for the layout in use', () => {
    const [outcome] = parseAll(parser({ extendedDigitLength: true, ani: [114, 133], dnis: [135, 152] }), [lines[7]!]);
    assert.deepEqual(outcome, [{ start: '2026-03-05T13:15:09.000Z', deviceId: '9907', durationSeconds: 21, direction: 'I', ani: '9999999999', dnis: '9999' }]);
  });

  it('rejects the OCR-spaced SX-200 line, whose fields are not at Mitel columns', () => {
    assert.deepEqual(parseAll(parser(), [lines[13]!]), ['rejected: the record ends at column 42; a Mitel record reaches the called party at column 62']);
  });

  it('infers the year: the latest that does not put the call in the future', () => {
    const record = ' 12/31 23:59  00:01:00 214   000 5551234                   A T054                      000';
    clock.set('2027-01-01T00:00:30Z');
    assert.deepEqual(parseAll(parser(), [record])[0], [{ start: '2026-12-31T23:59:30.000Z', deviceId: '214', durationSeconds: 60, direction: 'O', ani: '214', dnis: '5551234' }]);
    clock.set('2026-12-31T23:59:50Z');
    assert.deepEqual((parseAll(parser(), [record])[0] as { start: string }[])[0]!.start, '2026-12-31T23:59:30.000Z');
    clock.set('2027-03-01T10:00:00Z');
    const leap = ' 02/29 10:00  00:01:00 214   000 5551234                   A T054                      000';
    assert.deepEqual((parseAll(parser(), [leap])[0] as { start: string }[])[0]!.start, '2024-02-29T10:00:30.000Z');
    clock.set('2026-11-27T12:00:00Z');
  });

  it('reads 12-hour clocks: p is PM; with clock 12h a bare 12 is just after midnight', () => {
    const at = (time: string) => ` 06/13 ${time} 00:00:10 214   000 5551234                   A T054                      000`;
    const starts = (options: Partial<MitelOptions>, times: string[]) =>
      parseAll(parser(options), times.map(at)).map((o) => (typeof o === 'string' ? o : o[0]!.start.slice(11, 16)));
    assert.deepEqual(starts({}, ['12:05p', '01:05p', '12:05 ', '13:05 ']), ['12:05', '13:05', '12:05', '13:05']);
    assert.deepEqual(starts({ clock: '12h' }, ['12:05 ', '01:05 ', '12:05p', '13:05 ']), ['00:05', '01:05', '12:05', 'rejected: hour 13 is not on a 12-hour clock']);
  });

  it('adds a record for the third party of a transfer, and for a called extension of an internal call', () => {
    const transfer = ' 06/13 10:00  00:02:00 T054  012 4400                      A 2001T 2002                000';
    const internal = ' 06/13 10:05  00:00:40 2001  000 2002                      A 2002                      000';
    assert.deepEqual(parseAll(parser(), [transfer, internal]), [
      [
        { start: '2026-06-13T10:00:30.000Z', deviceId: '2001', durationSeconds: 120, direction: 'I', dnis: '4400' },
        { start: '2026-06-13T10:00:30.000Z', deviceId: '2002', durationSeconds: 120, direction: 'I', dnis: '4400' },
      ],
      [
        { start: '2026-06-13T10:05:30.000Z', deviceId: '2001', durationSeconds: 40, direction: 'O', ani: '2001', dnis: '2002' },
        { start: '2026-06-13T10:05:30.000Z', deviceId: '2002', durationSeconds: 40, direction: 'I', ani: '2001', dnis: '2002' },
      ],
    ]);
  });

  it('reads the standard ANI/DNIS columns and the account code, in the PBX time zone', () => {
    const line = ' 06/13 10:00  00:02:00 T054  012 4400                      A 2001       123456789012 000   6135551234 8005550000';
    assert.deepEqual(parseAll(new MitelParser({ ...defaults, timeZone: 'America/Toronto' }, clock), [line]), [
      [{ start: '2026-06-13T14:00:30.000Z', deviceId: '2001', durationSeconds: 120, direction: 'I', ani: '6135551234', dnis: '8005550000', accountCode: '123456789012' }],
    ]);
  });

  it('rejects what is not a Mitel record', () => {
    assert.deepEqual(parseAll(parser(), ['hello', ' 06/13 1x:00  00:02:00 T054', ' 02/30 10:00  00:02:00 214   000 5551234                   A T054   ']), [
      'rejected: not a Mitel record: expected the long-call flag and mm/dd in columns 1-6',
      "rejected: the record ends at column 27; a Mitel record reaches the called party at column 62",
      "rejected: '02/30 10:00' is not a valid date and time",
    ]);
  });
});
