import assert from 'node:assert/strict';
import { callInfo, callState } from './support/bridge-messages.js';
import { TcpBridgeStandIn } from './support/bridge-stand-in.js';
import { deviceStatus, eventNames, type TestHost } from '@callwire/plugin-kit/testing';
import { startTapi } from './support/plugin-under-test.js';

const CUSTOMER = { callerId: '6145551212', calledId: '8005550100', origin: 'EXTERNAL', reason: 'DIRECT' };
const start = (device: string, call: string) => [`CALLSTART ${device} ${call}`, `RECORDINGSTARTED ${device} ${call}`];
const stop = (device: string, call: string) => [`CALLSTOP ${device} ${call}`, `RECORDINGSTOPPED ${device} ${call}`, `RECORDINGUPDATE ${device} ${call}`];

describe('TAPI transfers and conferences, played by a TCP bridge stand-in (line 1 = 201, line 2 = 202)', function () {
  let bridge: TcpBridgeStandIn;
  let host: TestHost;

  /** Sends messages, waits until they are applied, and returns the events they published. */
  const step = async (...messages: object[]): Promise<string[]> => {
    const before = eventNames(host).length;
    bridge.send(...messages);
    await bridge.sync();
    return eventNames(host).slice(before);
  };

  beforeEach(async () => {
    bridge = await TcpBridgeStandIn.start();
    host = await startTapi({ bridge: bridge.option, lines: { '1': '201', '2': '202' } });
    await bridge.waitForConnection();
  });
  afterEach(async () => {
    await host.close();
    await bridge.close();
  });

  /**
   * The fixture's consult transfer up to lineCompleteTransfer: 201 answers
   * the customer (h1), puts it on hold pending transfer, and consults 202
   * (h2 at 201, h3 at 202, the same internal call: CallID 101, related 100).
   */
  async function consultUpToCompletion(): Promise<void> {
    assert.deepEqual(await step(callInfo('1', 'h1', { callId: 100, ...CUSTOMER }), callState('1', 'h1', 'OFFERING'), callState('1', 'h1', 'CONNECTED')), start('201', 'h1'));
    assert.equal((await host.request('CALLUPDATE', { DEVICEID: '201', CALLINSTANCE: 'h1', USER1: 'Gold Level' })).type, 'API_OK');
    assert.deepEqual(await step(callState('1', 'h1', 'ONHOLDPENDTRANSFER')), []);
    assert.equal(host.callState('201', 'h1'), 'held');
    assert.deepEqual(
      await step(
        callInfo('1', 'h2', { callId: 101, relatedCallId: 100, callerId: '201', calledId: '202', origin: 'OUTBOUND' }),
        ...['DIALTONE', 'DIALING', 'PROCEEDING', 'RINGBACK'].map((s) => callState('1', 'h2', s)),
      ),
      start('201', 'h2'),
    );
    assert.deepEqual(
      await step(
        callInfo('2', 'h3', { callId: 101, callerId: '201', calledId: '202', origin: 'INTERNAL', reason: 'DIRECT' }),
        callState('2', 'h3', 'OFFERING'),
        callState('2', 'h3', 'CONNECTED'),
        callState('1', 'h2', 'CONNECTED'),
      ),
      start('202', 'h3'),
      'the consultation is an internal call on both devices, not a transfer',
    );
  }

  /** The transferred call at 202 carries the customer's data and the USER field set on it at 201. */
  async function assertCarried(device: string, call: string): Promise<void> {
    const status = await deviceStatus(host, device);
    assert.deepEqual(
      ['CALLINSTANCE', 'ANI', 'DNIS', 'CALLID', 'CALLDIRECTION', 'USER1'].map((name) => status?.[name]),
      [call, '6145551212', '8005550100', '100', 'I', 'Gold Level'],
    );
  }

  it('consult transfer, the target getting a new call with reason TRANSFER after the source went idle: the customer\'s call continues at 202 with its data', async () => {
    await consultUpToCompletion();
    assert.deepEqual(await step(callState('1', 'h1', 'IDLE'), callState('1', 'h2', 'IDLE'), callState('2', 'h3', 'IDLE')), [
      ...stop('201', 'h1'), ...stop('201', 'h2'), ...stop('202', 'h3'),
    ]);
    assert.deepEqual(
      await step(callInfo('2', 'h4', { callId: 100, callerId: '6145551212', origin: 'EXTERNAL', reason: 'TRANSFER' }), callState('2', 'h4', 'CONNECTED')),
      start('202', 'h4'),
    );
    await assertCarried('202', 'h4');
    assert.deepEqual(await step(callState('2', 'h4', { state: 'DISCONNECTED', mode: 'NORMAL' }), callState('2', 'h4', 'IDLE')), stop('202', 'h4'));

    const at202 = await host.recordings('202');
    assert.deepEqual(at202.map((r) => [r.call_instance, r.ani, r.callid, r.user1]), [['h3', '201', '101', null], ['h4', '6145551212', '100', 'Gold Level']]);
    assert.deepEqual((await host.recordings('201')).map((r) => [r.call_instance, r.ani, r.state]), [['h1', '6145551212', 'complete'], ['h2', '201', 'complete']]);
  });

  it('consult transfer, the target\'s new call arriving while the source is still held: CallService.transfer moves the call from 201 to 202', async () => {
    await consultUpToCompletion();
    assert.deepEqual(
      await step(callInfo('2', 'h4', { callId: 100, reason: 'TRANSFER' }), callState('2', 'h4', 'OFFERING'), callState('2', 'h4', 'CONNECTED')),
      [...stop('201', 'h1'), ...start('202', 'h4')],
    );
    await assertCarried('202', 'h4');
    assert.deepEqual(await step(callState('1', 'h1', 'IDLE'), callState('1', 'h2', 'IDLE'), callState('2', 'h3', 'IDLE')), [...stop('201', 'h2'), ...stop('202', 'h3')]);
  });

  it('consult transfer where the consultation itself becomes the transferred call (its LINE_CALLINFO turns to reason TRANSFER)', async () => {
    await consultUpToCompletion();
    assert.deepEqual(await step(callInfo('2', 'h3', { callId: 100, relatedCallId: 101, callerId: '6145551212', reason: 'TRANSFER' })), [
      ...stop('202', 'h3'), ...stop('201', 'h1'), ...start('202', 'h3'),
    ]);
    await assertCarried('202', 'h3');
    // What this line said before (DNIS 202, from the consultation) does not overwrite the carried numbers.
    assert.deepEqual(await step(callInfo('2', 'h3', { callerId: '6145551212' }), callState('1', 'h1', 'IDLE')), []);
    await assertCarried('202', 'h3');
    // A number the line changes later does update the call.
    await step(callInfo('2', 'h3', { calledId: '8005550199' }));
    assert.equal((await deviceStatus(host, '202'))?.['DNIS'], '8005550199');
    assert.deepEqual(await step(callState('1', 'h2', 'IDLE'), callState('2', 'h3', 'DISCONNECTED')), [...stop('201', 'h2'), ...stop('202', 'h3')]);
  });

  it('blind transfer: the source goes idle, the target rings and answers with a RelatedCallID naming the source; the call continues there', async () => {
    assert.deepEqual(await step(callInfo('1', 'h5', { callId: 200, ...CUSTOMER }), callState('1', 'h5', 'OFFERING'), callState('1', 'h5', 'CONNECTED')), start('201', 'h5'));
    assert.deepEqual(await step(callState('1', 'h5', 'IDLE')), stop('201', 'h5'));
    assert.deepEqual(await step(callInfo('2', 'h6', { callId: 201, relatedCallId: 200, reason: 'TRANSFER' }), callState('2', 'h6', 'OFFERING')), []);
    assert.deepEqual(await step(callState('2', 'h6', 'CONNECTED')), start('202', 'h6'));
    const status = await deviceStatus(host, '202');
    assert.deepEqual(['ANI', 'DNIS', 'CALLID', 'CALLDIRECTION'].map((n) => status?.[n]), ['6145551212', '8005550100', '200', 'I']);
    assert.deepEqual(await step(callState('2', 'h6', 'DISCONNECTED'), callState('2', 'h6', 'IDLE')), stop('202', 'h6'));
  });

  it('a TRANSFER whose ids match no call Callwire followed is an ordinary new call with its own numbers', async () => {
    assert.deepEqual(
      await step(callInfo('2', 'h7', { callId: 999, relatedCallId: 998, callerId: '3125550000', reason: 'TRANSFER' }), callState('2', 'h7', 'CONNECTED')),
      start('202', 'h7'),
    );
    assert.equal((await deviceStatus(host, '202'))?.['ANI'], '3125550000');
  });

  it('conference: the customer\'s call carries it; the consultation ends when it joins; a party leaving does not end it; the conference handle\'s end does', async () => {
    assert.deepEqual(await step(callInfo('1', 'c1', { callId: 300, ...CUSTOMER }), callState('1', 'c1', 'OFFERING'), callState('1', 'c1', 'CONNECTED')), start('201', 'c1'));
    assert.deepEqual(await step(callState('1', 'c1', 'ONHOLDPENDCONF')), []);
    assert.equal(host.callState('201', 'c1'), 'held');
    assert.deepEqual(
      await step(
        callInfo('1', 'c2', { callId: 301, relatedCallId: 300, callerId: '201', calledId: '5550300', origin: 'OUTBOUND' }),
        callState('1', 'c2', 'DIALTONE'),
        callState('1', 'c2', 'RINGBACK'),
        callState('1', 'c2', 'CONNECTED'),
      ),
      start('201', 'c2'),
    );
    // lineAddToConference: both CONFERENCED (dwParam2 = hConfCall), hConfCall CONNECTED.
    assert.deepEqual(await step(callState('1', 'c1', 'CONFERENCED', { confCall: 'c9' })), []);
    assert.equal(host.callState('201', 'c1'), 'connected');
    assert.deepEqual(await step(callState('1', 'c2', 'CONFERENCED', { confCall: 'c9' }), callState('1', 'c9', 'CONNECTED')), stop('201', 'c2'));
    assert.deepEqual(await step(callState('1', 'c9', 'ONHOLD')), []);
    assert.equal(host.callState('201', 'c1'), 'held', 'holding the conference holds the call that carries it');
    assert.deepEqual(await step(callState('1', 'c9', 'CONNECTED'), callState('1', 'c2', 'DISCONNECTED'), callState('1', 'c1', 'DISCONNECTED'), callState('1', 'c1', 'IDLE')), []);
    assert.equal(host.callState('201', 'c1'), 'connected', 'the customer left, the others talk on');
    assert.deepEqual(await step(callState('1', 'c9', 'DISCONNECTED'), callState('1', 'c2', 'IDLE'), callState('1', 'c9', 'IDLE')), stop('201', 'c1'));

    const rows = await host.recordings('201');
    assert.deepEqual(rows.map((r) => [r.call_instance, r.ani, r.state]), [['c1', '6145551212', 'complete'], ['c2', '201', 'complete']]);
  });

  it('conference whose handle is reported before its members name it: the handle is folded into the customer\'s call', async () => {
    await step(callInfo('1', 'd1', { callId: 400, ...CUSTOMER }), callState('1', 'd1', 'CONNECTED'), callState('1', 'd1', 'ONHOLDPENDCONF'));
    await step(callState('1', 'd2', 'DIALTONE'), callState('1', 'd2', 'CONNECTED'));
    assert.deepEqual(await step(callState('1', 'd9', 'CONNECTED')), start('201', 'd9'));
    assert.deepEqual(await step(callState('1', 'd1', 'CONFERENCED', { confCall: 'd9' }), callState('1', 'd2', 'CONFERENCED', { confCall: 'd9' })), [
      ...stop('201', 'd9'), ...stop('201', 'd2'),
    ]);
    assert.equal(host.callState('201', 'd1'), 'connected');
    assert.deepEqual(await step(callState('1', 'd9', 'IDLE')), stop('201', 'd1'));
  });
});
