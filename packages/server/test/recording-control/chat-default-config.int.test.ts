import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendVerbatim, text } from '../directory/directory-replies.js';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';

/** REQUESTTYPE, REQUESTID, RESULTTYPE, RESULTCODE, RESULTMSG of a reply. */
const standard = (reply: string) => ['REQUESTTYPE', 'REQUESTID', 'RESULTTYPE', 'RESULTCODE', 'RESULTMSG'].map((name) => text(reply, name));

describe('chat on the default configuration (a real `callwire start` with no config file)', function () {
  this.timeout(30000);
  let dir: string;
  let server: CallwireProcess;
  let client: XmlClient;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-chat-'));
    server = CallwireProcess.spawn(['start'], { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
    client = await XmlClient.open((await server.ready()).api);
  });
  afterEach(async () => {
    client.close();
    server.kill('SIGTERM');
    await server.exit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the manual\'s CHATSTART, CHATUPDATE and CHATSTOP examples, sent verbatim, answer as the manual shows ("CHATSTART sent to all of the following cores: 1"): core 1, the one built-in recorder core, records screens as well as calls', async () => {
    // the example's agent, JDOE, imported first as a client would
    assert.equal(tag(await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'JDOE', FIRSTNAME: 'John', LASTNAME: 'Doe' }), 'RESULTTYPE'), 'API_OK');
    const started = await sendVerbatim(client, `
<REQUEST>
  <REQUESTID>37</REQUESTID>
  <TYPE>CHATSTART</TYPE>
  <SESSIONID>82738</SESSIONID>
  <KEYNAME>USERNAME</KEYNAME>
  <KEYVALUE>JDOE</KEYVALUE>
</REQUEST>`);
    assert.deepEqual(standard(started), ['CHATSTART', '37', 'API_OK', '20', 'CHATSTART sent to all of the following cores: 1']);
    const updated = await sendVerbatim(client, `
<REQUEST>
  <REQUESTID>64</REQUESTID>
  <TYPE>CHATUPDATE</TYPE>
  <SESSIONID>82738</SESSIONID>
  <GROUP>53</GROUP>
</REQUEST>`);
    assert.deepEqual(standard(updated), ['CHATUPDATE', '64', 'API_OK', '20', 'CHATUPDATE sent to all of the following cores: 1']);
    const stopped = await sendVerbatim(client, `
<REQUEST>
  <REQUESTID>52</REQUESTID>
  <TYPE>CHATSTOP</TYPE>
  <SESSIONID>82738</SESSIONID>
</REQUEST>`);
    // the manual's reply says REQUESTID 46 for request 52: a typo; the request's own id is answered
    assert.deepEqual(standard(stopped), ['CHATSTOP', '52', 'API_OK', '20', 'CHATSTOP sent to all of the following cores: 1']);
    // still one recorder core: every channel CHANNELS lists is core 1's
    const channels = await send(client, 'CHANNELS');
    const idents = [...channels.matchAll(/<COREIDENT>(\d+)<\/COREIDENT>/g)].map((m) => m[1]);
    assert.ok(idents.length > 0);
    assert.deepEqual([...new Set(idents)], ['1']);
  });
});
