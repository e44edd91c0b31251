import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { PushReply } from '../src/index.js';
import { deviceStatus, eventNames, type TestHost } from '@callwire/plugin-kit/testing';
import { EventSocketClient, UpgradeRefused } from '@callwire/server/test-support/event-socket-client';
import { freePort, startInput } from './support/plugin-under-test.js';

const TOKEN = 'adapter-secret-1';

/** Sends one frame (an object is sent as JSON) and returns the reply. */
async function push(client: EventSocketClient, message: object | string | Buffer): Promise<PushReply> {
  client.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  const [reply] = await client.next();
  return JSON.parse(reply!) as PushReply;
}

describe('websocket-input server mode: PBX adapters push call events', function () {
  let host: TestHost;
  let url: string;
  let client: EventSocketClient;

  beforeEach(async () => {
    const port = await freePort();
    host = await startInput({ mode: 'server', listen: { port, path: '/pbx' }, token: TOKEN });
    url = `ws://127.0.0.1:${port}/pbx`;
    client = await EventSocketClient.open(`${url}?token=${TOKEN}`);
  });
  afterEach(async () => {
    client.close();
    await host.close();
  });

  it('carries out callstart, callupdate, hold, retrieve and callstop, answering each with its id and the XML API\'s result', async () => {
    assert.deepEqual(
      await push(client, {
        event: 'callstart', id: 1, device: '201', instance: 'c1', ani: '6145551212', dnis: 8005550100, direction: 'inbound',
        callId: 'X-1', user1: 'Gold Level', group: 'Sales',
      }),
      { id: 1, resultCode: 20, resultType: 'API_OK', resultMessage: 'CALLSTART sent to all of the following cores: 1' },
    );
    assert.deepEqual(await push(client, { event: 'hold', id: 'h', device: '201', instance: 'c1' }), {
      id: 'h', resultCode: 20, resultType: 'API_OK', resultMessage: 'call c1 on device 201 is on hold',
    });
    assert.equal(host.callState('201', 'c1'), 'held');
    assert.equal((await push(client, { event: 'retrieve', id: { seq: 3 }, device: '201', instance: 'c1' })).resultCode, 20);
    assert.equal(host.callState('201', 'c1'), 'connected');
    assert.deepEqual(await push(client, { event: 'CallUpdate', id: 4, device: '201', instance: 'c1', user2: 'Customer 564582' }), {
      id: 4, resultCode: 20, resultType: 'API_OK', resultMessage: 'CALLUPDATE sent to all of the following cores: 1',
    });
    const status = await deviceStatus(host, '201');
    assert.deepEqual(['ANI', 'DNIS', 'CALLDIRECTION', 'CALLID', 'GROUP', 'USER1', 'USER2'].map((n) => status?.[n]), [
      '6145551212', '8005550100', 'I', 'X-1', 'Sales', 'Gold Level', 'Customer 564582',
    ]);
    assert.deepEqual(await push(client, { event: 'callstop', device: '201', instance: 'c1' }), {
      id: null, resultCode: 20, resultType: 'API_OK', resultMessage: 'CALLSTOP sent to all of the following cores: 1',
    });

    assert.deepEqual(eventNames(host), ['CALLSTART 201 c1', 'RECORDINGSTARTED 201 c1', 'CALLSTOP 201 c1', 'RECORDINGSTOPPED 201 c1', 'RECORDINGUPDATE 201 c1']);
    const [row] = await host.recordings('201');
    assert.deepEqual(
      [row?.state, row?.call_instance, row?.ani, row?.dnis, row?.calldirection, row?.callid, row?.sgroup, row?.user1, row?.user2],
      ['complete', 'c1', '6145551212', '8005550100', 'I', 'X-1', 'Sales', 'Gold Level', 'Customer 564582'],
    );
  });

  it('refuses what the XML API refuses, with the same result code and message', async () => {
    const cases: [object, string, Record<string, string | number>][] = [
      [{ event: 'callstop', device: '555' }, 'CALLSTOP', { DEVICEID: '555' }],
      [{ event: 'callstart', user1: 'x' }, 'CALLSTART', { USER1: 'x' }],
      [{ event: 'callstart', deviceAlias: 'NOBODY' }, 'CALLSTART', { DEVICEALIAS: 'NOBODY' }],
      [{ event: 'callstart', device: '201', ani: '612345678901234567890' }, 'CALLSTART', { DEVICEID: '201', ANI: '612345678901234567890' }],
      [{ event: 'callstart', device: '201', direction: 'sideways' }, 'CALLSTART', { DEVICEID: '201', CALLDIRECTION: 'sideways' }],
      [{ event: 'callstart', device: '201', priority: 101 }, 'CALLSTART', { DEVICEID: '201', PRIORITY: 101 }],
      [{ event: 'callupdate', recordId: 987654, user4: 'x' }, 'CALLUPDATE', { RECORDID: 987654, USER4: 'x' }],
      [{ event: 'callupdate', device: '556', user3: 'x', updateIfNotRecording: true }, 'CALLUPDATE', { DEVICEID: '556', USER3: 'x', UPDATE_IF_NOT_RECORDING: 'Y' }],
    ];
    for (const [pushed, type, params] of cases) {
      const reply = await push(client, pushed);
      const xml = await host.request(type, params);
      assert.notEqual(reply.resultCode, 20, JSON.stringify(pushed));
      assert.deepEqual(
        [reply.resultCode, reply.resultType, reply.resultMessage],
        [xml.code, xml.type, xml.message],
        `${JSON.stringify(pushed)} is answered as ${type} over XML`,
      );
    }
    assert.deepEqual(eventNames(host), []);
  });

  it('answers bad JSON, a non-object, a binary frame, a missing or unknown event and a bad value with a clear error, and keeps the connection', async () => {
    const bad: [object | string | Buffer, number, RegExp][] = [
      ['{"event":"callstart", device: 201}', 16, /^not valid JSON: /],
      ['[1,2]', 16, /one JSON object/],
      [Buffer.from([1, 2, 3]), 16, /binary frames are not read/],
      [{ id: 7, device: '201' }, 10, /^no "event" was sent; expected one of callstart, callstop, callupdate, hold, retrieve$/],
      [{ id: 8, event: 'transfer', device: '201' }, 10, /^unknown event "transfer"; expected one of callstart, callstop, callupdate, hold, retrieve$/],
      [{ id: 9, event: 'callstart', device: '201', ani: { number: 1 } }, 59, /^ani must be a string or a number, got object$/],
    ];
    for (const [frame, code, message] of bad) {
      const reply = await push(client, frame);
      assert.equal(reply.resultCode, code, String(frame));
      assert.match(reply.resultMessage, message);
    }
    assert.equal(client.closed, undefined, 'the connection is kept');
    assert.equal((await push(client, { event: 'callstart', id: 10, device: '201' })).resultCode, 20);
    assert.deepEqual(eventNames(host).slice(0, 1), ['CALLSTART 201']);
  });

  it('refuses an upgrade without the right token with 401 before any WebSocket exists, and other paths with 404', async () => {
    for (const [target, options] of [
      [`${url}?token=wrong-token`, {}],
      [url, {}],
      [url, { headers: { Authorization: 'Bearer wrong-token' } }],
      [url, { headers: { Authorization: `Basic ${TOKEN}` } }],
    ] as const) {
      await assert.rejects(EventSocketClient.open(target, options), (err: unknown) => {
        assert.ok(err instanceof UpgradeRefused);
        assert.equal(err.status, 401);
        assert.match(err.body, /a valid token is required/);
        return true;
      });
    }
    await assert.rejects(EventSocketClient.open(url.replace('/pbx', '/other') + `?token=${TOKEN}`), (err: unknown) => err instanceof UpgradeRefused && err.status === 404);

    const bearer = await EventSocketClient.open(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal((await push(bearer, { event: 'callstart', device: '301' })).resultCode, 20);
    bearer.close();

    const plain = await new Promise<number>((resolve, reject) => {
      httpRequest(url.replace('ws:', 'http:'), (response) => resolve(response.statusCode ?? 0)).on('error', reject).end();
    });
    assert.equal(plain, 426, 'plain HTTP is told to upgrade');
  });
});

describe('websocket-input server mode without a recorder core', function () {
  it('answers API_ERROR_RECORDER_NOT_RUNNING as the XML API does, and the call still starts', async () => {
    const port = await freePort();
    const host = await startInput({ mode: 'server', listen: { port }, token: TOKEN }, { recorder: false });
    const client = await EventSocketClient.open(`ws://127.0.0.1:${port}/pbx?token=${TOKEN}`);
    try {
      const reply = await push(client, { event: 'callstart', device: '201' });
      const xml = await host.request('CALLSTART', { DEVICEID: '202' });
      assert.deepEqual([reply.resultCode, reply.resultMessage], [xml.code, xml.message]);
      assert.equal(reply.resultCode, 34);
      assert.equal(host.callState('201', ''), 'connected');
    } finally {
      client.close();
      await host.close();
    }
  });
});
