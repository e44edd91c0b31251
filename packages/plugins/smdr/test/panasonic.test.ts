import assert from 'node:assert/strict';
import { PanasonicParser } from '../src/parsers/panasonic.js';
import { fixedClock, parseAll } from './support/parse-all.js';
import { sampleLines } from './support/samples.js';

describe('panasonic parser', () => {
  const clock = fixedClock('2026-11-27T12:00:00Z');
  const parser = (dateOrder: 'MDY' | 'DMY' = 'MDY', timeZone = 'UTC') => new PanasonicParser({ timeZone, dateOrder }, clock);

  it('reads every sample line: the printed time is the end of the call, <I>/<D> mark incoming calls, headers are skipped', () => {
    const lines = sampleLines('panasonic_kx_smdr.txt');
    assert.deepEqual(parseAll(parser(), lines), [
      'ignored: page header',
      'ignored: ruler',
      // KX-TD308: outgoing, ended 10:03 (taken as 10:03:30) after 5'12
      [{ start: '1997-06-24T09:58:18.000Z', deviceId: '11', durationSeconds: 312, direction: 'O', dnis: '1234567890123456789012345', accountCode: '1234567890' }],
      [{ start: '1997-06-24T10:06:34.000Z', deviceId: '13', durationSeconds: 56, direction: 'I' }],
      [{ start: '1997-06-24T10:08:10.000Z', deviceId: '14', durationSeconds: 20, direction: 'I', accountCode: '431211' }],
      [{ start: '1997-06-24T09:58:29.000Z', deviceId: '15', durationSeconds: 601, direction: 'I', accountCode: '431211' }],
      [{ start: '1997-06-24T10:00:12.000Z', deviceId: '18', durationSeconds: 558, direction: 'O', dnis: '10222P1-202-346-7890', accountCode: '001' }],
      [{ start: '1997-06-24T09:58:44.000Z', deviceId: '12', durationSeconds: 1306, direction: 'I', ani: '4312111' }],
      // KX-TD816 with caller ID and condition codes, no duration printed
      [{ start: '1996-06-24T10:03:30.000Z', deviceId: '103', durationSeconds: 0, direction: 'I', ani: '1234567890' }],
      [{ start: '1996-06-24T10:07:30.000Z', deviceId: '103', durationSeconds: 0, direction: 'I', ani: '09243121' }],
      [{ start: '1996-06-24T10:08:30.000Z', deviceId: '103', durationSeconds: 0, direction: 'I', ani: '1022220' }],
      // KX-TA616: hidden account codes, '*' = transferred, CO-to-CO via DISA
      [{ start: '1998-12-31T12:52:14.000Z', deviceId: '103', durationSeconds: 16, direction: 'O', dnis: '12345678901234567890123456789012' }],
      [{ start: '1998-12-31T12:51:47.000Z', deviceId: '103', durationSeconds: 103, direction: 'I' }],
      [{ start: '1998-12-31T12:46:42.000Z', deviceId: '101', durationSeconds: 468, direction: 'I' }],
      [{ start: '1998-12-31T13:06:22.000Z', deviceId: 'C-05', durationSeconds: 8, direction: 'O', dnis: '0921234567' }],
      // KX-NS1000: ring time before the duration, DDI before <I>, intercom EXT, log-in event
      [{ start: '2002-01-02T10:03:30.000Z', deviceId: '1200', durationSeconds: 0, direction: 'I', ani: '12345678901234567890' }],
      [{ start: '2002-01-02T10:06:25.000Z', deviceId: '1200', durationSeconds: 65, direction: 'I', accountCode: '9876543210' }],
      [{ start: '2002-01-02T13:06:25.000Z', deviceId: '1234', durationSeconds: 65, direction: 'I', dnis: 'CDE9876' }],
      [{ start: '2002-01-02T13:06:25.000Z', deviceId: '1234', durationSeconds: 65, direction: 'O', dnis: '1235' }],
      'ignored: extension 1234 LOG IN',
    ]);
  });

  it('reads day-first dates and the PBX time zone', () => {
    const line = "03/02/25 02:15PM   201 01 0612345678                     00:01'00";
    assert.deepEqual(parseAll(parser('DMY', 'Europe/Madrid'), [line]), [
      [{ start: '2025-02-03T13:14:30.000Z', deviceId: '201', durationSeconds: 60, direction: 'O', dnis: '0612345678' }],
    ]);
  });

  it('rejects what is not a Panasonic record', () => {
    assert.deepEqual(parseAll(parser(), [
      'Password:',
      "06/24/97 10:03   11 1 1234567890 00:05'12",
      "06/24/97 13:03PM   11 1 1234567890 00:05'12",
      "02/30/97 10:03AM   11 1 1234567890 00:05'12",
      "06/24/97 10:03AM   11 1 ??? 00:05'12",
      "06/24/97 10:03AM   11 1 <I> 00:05'12 1234 5678 TR",
    ]), [
      'rejected: not a Panasonic record: expected date, time (hh:mmAM/PM) and extension',
      'rejected: not a Panasonic record: expected date, time (hh:mmAM/PM) and extension',
      'rejected: hour 13 is not on a 12-hour clock',
      "rejected: '02/30/97 10:03AM' is not a valid date and time",
      "rejected: dial field '???' is neither a dialled number nor an incoming call",
      "rejected: unexpected '1234 5678' after the duration: expected an account code and a condition code",
    ]);
  });
});
