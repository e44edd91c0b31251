import assert from 'node:assert/strict';
import { AvayaIpoParser } from '../src/parsers/avaya-ipo.js';
import { fields, fixedClock, parseAll } from './support/parse-all.js';
import { sampleLines } from './support/samples.js';

describe('avaya-ipo parser', () => {
  const clock = fixedClock('2026-11-27T12:00:00Z');
  const parser = () => new AvayaIpoParser({ timeZone: 'UTC', pendingTimeoutMs: 60_000 }, clock);

  it('reads every sample line, merging the segments of each Call ID into one record per extension', () => {
    const lines = sampleLines('avaya_ipoffice_smdr.txt');
    assert.equal(lines.length, 18);
    assert.deepEqual(parseAll(parser(), lines), [
      // lost incoming call: rang 9 s, never connected
      [{ start: '2008-06-28T09:28:50.000Z', deviceId: '4324', durationSeconds: 0, ani: '8004206', dnis: '4324', direction: 'I', callId: '1000014155' }],
      // answered by voicemail: only the extension is a device
      [{ start: '2008-10-20T06:44:19.000Z', deviceId: '15', durationSeconds: 10, ani: '15', dnis: '11', direction: 'O', callId: '28' }],
      // transferred to voicemail: held until the last segment; 4750 answered after 7 s, talked 13, held 11
      'pending',
      [{ start: '2008-06-28T09:31:04.000Z', deviceId: '4750', durationSeconds: 24, ani: '01707392200', dnis: '299999', direction: 'I', callId: '1000014160' }],
      // external incoming: DDI 390664 is the dnis
      [{ start: '2008-08-01T15:14:26.000Z', deviceId: '23', durationSeconds: 5, ani: '01707299900', dnis: '390664', direction: 'I', callId: '1000013' }],
      // internal: both extensions, the caller outbound and the called inbound
      [
        { start: '2008-06-26T10:27:48.000Z', deviceId: '4688', durationSeconds: 44, ani: '4688', dnis: '4207', direction: 'O', callId: '1000013898' },
        { start: '2008-06-26T10:27:48.000Z', deviceId: '4207', durationSeconds: 44, ani: '4688', dnis: '4207', direction: 'I', callId: '1000013898' },
      ],
      // pickup: 2124 rang 8 s, 2121 picked up after 1 s more and talked 38 s (Call Start without seconds: the middle of the minute)
      'pending',
      [
        { start: '2008-07-09T18:00:38.000Z', deviceId: '2122', durationSeconds: 39, ani: '2122', dnis: '2124', direction: 'O', callId: '1000038' },
        { start: '2008-07-09T18:00:38.000Z', deviceId: '2124', durationSeconds: 0, ani: '2122', dnis: '2124', direction: 'I', callId: '1000038' },
        { start: '2008-07-09T18:00:39.000Z', deviceId: '2121', durationSeconds: 38, ani: '2122', dnis: '2124', direction: 'I', callId: '1000038' },
      ],
      // park at 203 (4 s), unpark at 201
      'pending',
      [
        { start: '2008-07-09T16:39:13.000Z', deviceId: '207', durationSeconds: 6, ani: '207', dnis: '203', direction: 'O', callId: '1000052' },
        { start: '2008-07-09T16:39:13.000Z', deviceId: '203', durationSeconds: 4, ani: '207', dnis: '203', direction: 'I', callId: '1000052' },
        { start: '2008-07-09T16:39:17.000Z', deviceId: '201', durationSeconds: 2, ani: '207', dnis: '203', direction: 'I', callId: '1000052' },
      ],
      // manual transfer to an external number: 1000044's first segment waits while 1000043 completes in between
      'pending',
      [
        { start: '2008-07-09T16:33:11.000Z', deviceId: '207', durationSeconds: 13, ani: '207', dnis: '203', direction: 'O', callId: '1000043' },
        { start: '2008-07-09T16:33:11.000Z', deviceId: '203', durationSeconds: 13, ani: '207', dnis: '203', direction: 'I', callId: '1000043' },
      ],
      [
        { start: '2008-07-09T16:33:22.000Z', deviceId: '203', durationSeconds: 5, ani: '203', dnis: '9416', direction: 'O', callId: '1000044' },
        { start: '2008-07-09T16:33:27.000Z', deviceId: '207', durationSeconds: 4, ani: '207', dnis: '9416', direction: 'O', callId: '1000044' },
      ],
      [{ start: '2015-03-01T00:54:15.000Z', deviceId: '218', durationSeconds: 45, ani: '16046150477', dnis: '203', direction: 'I', callId: '1008741' }],
      [{ start: '2015-03-01T01:06:34.000Z', deviceId: '218', durationSeconds: 217, ani: '6044301510', dnis: '203', direction: 'I', callId: '1008742' }],
      'ignored: call 1008746 reached no extension (parties T9001, V9542)',
      [{ start: '2015-03-01T01:21:42.000Z', deviceId: '206', durationSeconds: 0, ani: '6042904566', dnis: '206', direction: 'I', callId: '1008745' }],
      // R9 record with AoC and IP fields: Dialled Number is the dnis
      [{ start: '2017-11-09T16:28:36.000Z', deviceId: '12', durationSeconds: 38, ani: '12', dnis: '00540299040', direction: 'O', callId: '1009687' }],
    ]);
  });

  it('keeps every segment line of a merged call in raw, in arrival order', () => {
    const p = parser();
    const [first, second] = sampleLines('avaya_ipoffice_smdr.txt').slice(2, 4);
    assert.deepEqual(p.parse(first!), { kind: 'pending' });
    const outcome = p.parse(second!);
    assert.equal(outcome.kind, 'records');
    assert.equal(outcome.kind === 'records' && outcome.records[0]!.raw, `${first}\n${second}`);
  });

  it('reads Call Start in the PBX time zone', () => {
    const p = new AvayaIpoParser({ timeZone: 'America/New_York', pendingTimeoutMs: 60_000 }, clock);
    const outcome = p.parse('2024/07/01 09:00:00,00:01:00,5,0123,I,200,200,,0,77,0,E200,Alice,T9001,Line 1,0,0');
    assert.equal(outcome.kind === 'records' && new Date(outcome.records[0]!.startTime).toISOString(), '2024-07-01T13:00:05.000Z');
  });

  it('takes the account code from any segment of the call', () => {
    const p = parser();
    p.parse('2024/07/01 09:00:00,00:00:10,2,200,O,5551234,5551234,,0,78,1,E200,Alice,T9001,Line 1,0,0');
    const outcome = p.parse('2024/07/01 09:00:00,00:00:20,0,200,O,5551234,5551234,4711,0,78,0,E201,Bob,T9001,Line 1,0,0');
    assert.deepEqual(outcome.kind === 'records' && outcome.records.map(fields), [
      { start: '2024-07-01T09:00:02.000Z', deviceId: '200', durationSeconds: 10, ani: '200', dnis: '5551234', direction: 'O', callId: '78', accountCode: '4711' },
      { start: '2024-07-01T09:00:12.000Z', deviceId: '201', durationSeconds: 20, ani: '200', dnis: '5551234', direction: 'O', callId: '78', accountCode: '4711' },
    ]);
  });

  it('records held-back segments once their last segment is overdue, and all of them on flush(all)', () => {
    const p = parser();
    clock.set('2026-11-27T12:00:00Z');
    assert.deepEqual(p.parse('2024/07/01 09:00:00,00:00:10,2,200,O,300,300,,1,90,1,E200,Alice,E300,Carol,0,0'), { kind: 'pending' });
    clock.set('2026-11-27T12:00:30Z');
    assert.deepEqual(p.parse('2024/07/01 09:05:00,00:00:10,2,201,O,301,301,,1,91,1,E201,Bob,E301,Dan,0,0'), { kind: 'pending' });
    clock.set('2026-11-27T12:01:00Z');
    assert.deepEqual(p.flush(false).map((r) => [r.callId, r.deviceId]), [['90', '200'], ['90', '300']]);
    assert.equal(p.pendingCalls, 1);
    assert.deepEqual(p.flush(true).map((r) => [r.callId, r.deviceId]), [['91', '201'], ['91', '301']]);
    assert.equal(p.pendingCalls, 0);
  });

  it('rejects lines that are not IP Office records, saying why', () => {
    assert.deepEqual(parseAll(parser(), [
      'Call Start,Connected Time,Ring Time,Caller,Direction,Called Number,Dialled Number,Account,Is Internal,Call ID,Continuation,Party1Device,Party1Name,Party2Device,Party2Name,Hold Time,Park Time',
      '2008/06/28 09:28:41,00:00:00,9,8004206,I,4324',
      '2008/13/28 09:28:41,00:00:00,9,8004206,I,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0',
      '2008/06/28 09:28:41,00:00:00,9,8004206,X,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0',
      '2008/06/28 09:28:41,00:00:00,9,8004206,I,4324,4324,,0,1000014155,2,E4324,Joe Bloggs,T9161,LINE 5.1,0,0',
      '2008/06/28 09:28:41,0:0,9,8004206,I,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0',
      '2008/06/28 09:28:41,00:00:00,nine,8004206,I,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0',
    ]), [
      "rejected: Call Start 'Call Start' is not YYYY/MM/DD HH:MM:SS",
      'rejected: 6 comma-separated fields; an IP Office record has at least 17 (30 in full)',
      "rejected: Call Start '2008/13/28 09:28:41' is not a valid date and time",
      "rejected: Direction 'X' is neither I nor O",
      "rejected: Continuation '2' is neither 0 nor 1",
      "rejected: Connected Time '0:0' is not HH:MM:SS",
      "rejected: Ring Time 'nine' is not a number of seconds",
    ]);
  });
});
