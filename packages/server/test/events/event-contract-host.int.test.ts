import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ManualClock } from '@callwire/plugin-kit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EventSocketClient } from '../support/event-socket-client.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

const SCHEMA_FILE = new URL('../../../../../docs/events-v2.schema.json', import.meta.url);
const EVENT_TYPES = ['CALLSTART', 'RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'CALLSTOP', 'RECORDINGSTOPPED', 'RECORDINGUPDATE'];

type Frame = Record<string, unknown> & { type?: string; control?: string; seq: number; data?: Record<string, unknown> };

/** Reads frames until `done` holds for what was read; returns them all. */
async function readUntil(client: EventSocketClient, done: (frames: Frame[]) => boolean): Promise<Frame[]> {
  const frames: Frame[] = [];
  while (!done(frames)) frames.push(JSON.parse((await client.next())[0]!) as Frame);
  return frames;
}

/**
 * The event contract v2 from a real host (ManualClock, config `timezone`):
 * what each of Found 4's problems was, now as events of a real call show it,
 * every v2 frame checked against docs/events-v2.schema.json.
 */
describe('event contract v2 from a real host', function () {
  this.timeout(20000);
  let t: TestHost;
  let clock: ManualClock;
  const sockets: EventSocketClient[] = [];
  const ws = async (query: string): Promise<EventSocketClient> => {
    const client = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events${query}`);
    sockets.push(client);
    return client;
  };
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  const assertValid = (frame: unknown): void => assert.ok(validate(frame), `${JSON.stringify(frame)}: ${JSON.stringify(validate.errors)}`);

  beforeEach(async () => {
    clock = new ManualClock(); // 2026-01-05 09:00 UTC: 10:00 in Berlin
    t = await startTestHost({ timezone: 'Europe/Berlin', events: { heartbeatSeconds: 1 } }, { clock });
    t.addCore(new InTestRecorder(1));
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await t.close();
  });

  /** A recorded call on 555 of 65 s with a blackout in it: every event type once. */
  const callOf65Seconds = async (): Promise<void> => {
    const caller = await t.client();
    await send(caller, 'CALLSTART', { DEVICEID: '555', ANI: '6145551212', USER7: 'gold' });
    await clock.advance(5000);
    await send(caller, 'BLACKOUTSTART', { DEVICEID: '555' });
    await clock.advance(10_000);
    await send(caller, 'BLACKOUTSTOP', { DEVICEID: '555' });
    await clock.advance(50_000);
    await send(caller, 'CALLSTOP', { DEVICEID: '555' });
  };

  it('stamps events with TIME and typed v2 fields, gives stop events STOPTIME and DURATION, STARTTIME its offset; every frame fits the schema', async () => {
    const v2 = await ws('?format=json&v=2&snapshot=1');
    const tcp = await t.client();
    await send(tcp, 'EVENTS', { EVENTCLASS: 'ALL' }, 0);
    await callOf65Seconds();
    const frames = await readUntil(v2, (f) => f.some((e) => e.type === 'RECORDINGUPDATE'));
    frames.forEach(assertValid);
    const events = frames.filter((f) => f.type !== undefined);
    assert.deepEqual(events.map((e) => e.type), EVENT_TYPES);
    assert.equal(frames[0]!.control, 'SNAPSHOTEND', 'an empty snapshot is ended too');
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    const callStop = byType['CALLSTOP']!;
    assert.equal(callStop['time'], '2026-01-05T10:01:05.000+01:00');
    assert.deepEqual([callStop.data!['startTime'], callStop.data!['stopTime'], callStop.data!['duration']], ['2026-01-05T10:00:00.000+01:00', '2026-01-05T10:01:05.000+01:00', 65]);
    assert.deepEqual([byType['RECORDINGSTOPPED']!.data!['duration'], byType['RECORDINGSTOPPED']!.data!['stopTime']], [65, '2026-01-05T10:01:05.000+01:00']);
    assert.deepEqual([byType['CALLSTART']!.data!['ani'], byType['CALLSTART']!.data!['user7'], byType['CALLSTART']!.data!['user1']], ['6145551212', 'gold', undefined]);
    assert.equal(typeof byType['RECORDINGUPDATE']!.data!['recordId'], 'number');
    assert.deepEqual(events.map((e) => e.seq - events[0]!.seq), [0, 1, 2, 3, 4, 5, 6], 'one seq per event, server-wide');

    // The XML form: the manual's times, STOPTIME and DURATION appended, SEQ and TIME after EVENTDATA.
    const xml = await tcp.read(7);
    const stop = xml.find((d) => tag(d, 'EVENTTYPE') === 'CALLSTOP')!;
    assert.deepEqual([tag(stop, 'STOPTIME'), tag(stop, 'DURATION'), tag(stop, 'TIME'), Number(tag(stop, 'SEQ'))], ['1/5/2026 10:01:05 AM', '65', '2026-01-05T10:01:05.000+01:00', callStop.seq]);
    assert.equal(tag(xml[0]!, 'STARTTIME'), '1/5/2026 10:00:00 AM');
    assert.ok(stop.includes('<COREIDENT>1</COREIDENT>\n\t\t<STOPTIME>'), 'STOPTIME follows the manual\'s last field');
  });

  it("sends REPLAYGONE, SNAPSHOTEND and HEARTBEAT as the schema's control messages, and the schema refuses the v1 form", async () => {
    const caller = await t.client();
    await send(caller, 'CALLSTART', { DEVICEID: '555' });
    const resumed = await ws('?format=json&v=2&since=0&snapshot=1');
    const frames = await readUntil(resumed, (f) => f.some((e) => e.control === 'HEARTBEAT'));
    frames.forEach(assertValid);
    assert.deepEqual(frames.map((f) => f.control ?? `${f.type}${f['snapshot'] ? ' (snapshot)' : ''}`), [
      'REPLAYGONE', 'CALLSTART', 'RECORDINGSTARTED', 'CALLSTART (snapshot)', 'RECORDINGSTARTED (snapshot)', 'SNAPSHOTEND', 'HEARTBEAT',
    ]);
    const v1 = await ws('?format=json');
    await send(caller, 'CALLSTOP', { DEVICEID: '555' });
    const [old] = await v1.next();
    assert.equal(validate(JSON.parse(old!)), false, 'a v1 frame is not a v2 frame');
  });
});
