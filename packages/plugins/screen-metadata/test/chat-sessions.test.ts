import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResultBody } from '@callwire/plugin-api';
import { startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

const plugin = fileURLToPath(new URL('../src/index.js', import.meta.url));

/** Adds an agent through IMPORTUSER and returns its USERID. */
async function addAgent(host: TestHost, profile: Record<string, string>): Promise<string> {
  const added = await host.request('IMPORTUSER', { ACTION: 'ADD', ...profile });
  assert.equal(added.type, 'API_OK', added.message);
  return String(added.body!['USERID']);
}

describe('chat sessions (CHATSTART / CHATUPDATE / CHATSTOP) routed to the screen-metadata core', function () {
  this.timeout(20000);
  let host: TestHost;
  let agent: string;

  beforeEach(async () => {
    host = await startTestHost({ plugins: [{ use: plugin, options: { coreIdent: 2 } }] });
    agent = await addAgent(host, { FIRSTNAME: 'Jane', LASTNAME: 'Doe', USERNAME: 'JDOE', EMPLOYEEID: 'E-7', SYS_USER: 'jdoe' });
    assert.equal((await host.request('IMPORTAGENTPHONE', { ACTION: 'ADD', AGENTID: agent, PHONEID: '7010' })).type, 'API_OK');
  });
  afterEach(() => host.close());

  it('answers the manual\'s CHATSTART example, and the session is stored as a chat recording of type application/json that CALLLIST shows', async () => {
    assert.equal((await host.request('CHATSTART', { SESSIONID: '82738', KEYNAME: 'USERNAME', KEYVALUE: 'JDOE' })).message, 'CHATSTART sent to all of the following cores: 2');
    assert.equal((await host.request('CHATUPDATE', { SESSIONID: '82738', GROUP: '53', USER1: 'order 5' })).message, 'CHATUPDATE sent to all of the following cores: 2');
    assert.equal((await host.request('CHATSTOP', { SESSIONID: '82738' })).message, 'CHATSTOP sent to all of the following cores: 2');
    const [row] = await host.recordings('7010');
    assert.deepEqual(
      [row?.['recording_type'], row?.['globalid'], row?.['agent_id'], row?.['sgroup'], row?.['user1'], row?.['state'], row?.['screen_capture'], row?.['media_type']],
      ['chat', '82738', Number(agent), '53', 'order 5', 'complete', 1, 'application/json'],
    );
    const metadata = JSON.parse(readFileSync(row!['filename'] as string, 'utf8')) as { sessionId: string; stoppedAt?: string };
    assert.equal(metadata.sessionId, '82738');
    assert.ok(metadata.stoppedAt);
    const list = await host.request('CALLLIST', { DEVICEID: '7010' });
    assert.equal(((list.body!['SEARCHRESULT'] as ResultBody[])[0]!)['AGENTFIRSTNAME'], 'Jane');
    assert.deepEqual(host.events.map((e) => e.type), ['RECORDINGSTARTED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
  });

  it('answers an EXPORT of a chat recording with API_COMMAND_NOT_SUPPORTED (49): its metadata is application/json, and EXPORT converts only WAV', async () => {
    await host.request('CHATSTART', { SESSIONID: 'e1', AGENTID: agent });
    await host.request('CHATSTOP', { SESSIONID: 'e1' });
    const [row] = await host.recordings('7010');
    const response = await fetch(`http://127.0.0.1:${host.webPort}/webAPI.aspx?type=export&requestid=7&uniquefield=ident&uniqueid=${row!['ident']}&media_format=wav`);
    const reply = await response.text();
    assert.match(reply, /<RESULTCODE>49<\/RESULTCODE>/);
    assert.match(reply, new RegExp(`recording ${row!['ident']} holds application/json, not audio: EXPORT converts only WAV \\(audio/wav\\) recordings`));
  });

  it('finds the agent by AGENTID and by each KEYNAME', async () => {
    const keys: Record<string, string>[] = [
      { AGENTID: agent }, { KEYNAME: 'SYS_USER', KEYVALUE: 'jdoe' }, { KEYNAME: 'EMPLOYEEID', KEYVALUE: 'E-7' },
    ];
    for (const [i, key] of keys.entries()) {
      assert.equal((await host.request('CHATSTART', { SESSIONID: `s${i}`, ...key })).type, 'API_OK', JSON.stringify(key));
    }
  });

  it('answers 33 without a SESSIONID or for an unknown one, 24 with a message saying what was looked up, 1 for a session already started', async () => {
    assert.equal((await host.request('CHATSTART', { KEYNAME: 'USERNAME', KEYVALUE: 'JDOE' })).code, 33);
    assert.equal((await host.request('CHATSTOP', { SESSIONID: 'nope' })).code, 33);
    const missing = await host.request('CHATSTART', { SESSIONID: 'x', KEYNAME: 'USERNAME', KEYVALUE: 'NOBODY' });
    assert.equal(missing.code, 24);
    assert.equal(missing.message, 'no agent has USERNAME NOBODY');
    await host.request('CHATSTART', { SESSIONID: 'dup', AGENTID: agent });
    assert.equal((await host.request('CHATSTART', { SESSIONID: 'dup', AGENTID: agent })).code, 1);
  });

  it('allows more than three concurrent sessions per agent, each on a channel of its own, and frees them at CHATSTOP', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await host.request('CHATSTART', { SESSIONID: `m${i}`, AGENTID: agent })).type, 'API_OK');
    const channels = await host.request('CHANNELS');
    assert.equal(channels.body!['COUNT'], 5);
    const ids = (((channels.body!['CHANNELS'] as ResultBody)['CHANNEL']) as ResultBody[]).map((c) => c['ID']);
    assert.deepEqual(ids, [1, 2, 3, 4, 5]);
    await host.request('CHATSTOP', { SESSIONID: 'm0' });
    assert.equal((await host.request('CHANNELS')).body!['COUNT'], 4);
  });

  it('pauses the agent\'s screen capture during an AGENTBLACKOUT, with RECORDINGPAUSED and RECORDINGRESUMED', async () => {
    await host.request('CHATSTART', { SESSIONID: 'b1', AGENTID: agent });
    await host.request('AGENTBLACKOUTSTART', { SYS_USER: 'jdoe' });
    await host.request('AGENTBLACKOUTSTOP', { SYS_USER: 'jdoe' });
    await host.request('CHATSTOP', { SESSIONID: 'b1' });
    assert.deepEqual(host.events.map((e) => e.type), ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
    const [row] = await host.recordings('7010');
    assert.equal((row?.['blackouts'] as unknown[]).length, 1);
    const metadata = JSON.parse(readFileSync(row!['filename'] as string, 'utf8')) as { pauses: { from: string; to?: string }[] };
    assert.equal(metadata.pauses.length, 1);
    assert.ok(metadata.pauses[0]!.to);
  });
});

describe('chat sessions without a screen-capture core', function () {
  this.timeout(20000);
  it('answers API_ERROR_RECORDER_NOT_RUNNING saying no core records screens', async () => {
    const host = await startTestHost();
    try {
      const agent = await addAgent(host, { FIRSTNAME: 'A', LASTNAME: 'B' });
      const reply = await host.request('CHATSTART', { SESSIONID: '1', AGENTID: agent });
      assert.equal(reply.code, 34);
      assert.match(reply.message, /none records screens/);
    } finally {
      await host.close();
    }
  });
});
