import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallService, openStorage, TOKENS, type Storage } from '@callwire/core';
import { CallwireProcess } from '../support/callwire-process.js';
import { EventSocketClient } from '../support/event-socket-client.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { assertWellFormedXml } from '../support/well-formed-xml.js';
import { tag, XmlClient } from '../support/xml-client.js';

/**
 * Issue 14, illegal XML characters: a name or value holding a character XML
 * 1.0 forbids is refused at every door with API_PARAMETERS_INVALID (59),
 * naming the field and the character; and whatever reaches the serializer
 * some other way (a plugin, a row already in the database) comes out as
 * well-formed XML, the character written as U+FFFD.
 */

/** How a client can send a forbidden character over TCP, and the code point the server sees. */
const TCP_FORMS = [
  { how: 'the character reference &#1;', text: '&#1;', cp: 'U+0001' },
  // '\u000B' goes on the wire as the single byte 0x0B; '\uFFFE' as its UTF-8 bytes EF BF BE.
  { how: 'a raw 0x0B byte', text: '\u000B', cp: 'U+000B' },
  { how: 'a raw U+FFFE', text: '\uFFFE', cp: 'U+FFFE' },
  { how: 'the character reference &#xFFFF;', text: '&#xFFFF;', cp: 'U+FFFF' },
  { how: 'a lone surrogate, &#xD800;', text: '&#xD800;', cp: 'U+D800' },
] as const;

/** A request document with its values exactly as given (nothing escaped). */
function rawRequest(type: string, id: number, fields: readonly (readonly [string, string])[]): string {
  return `<REQUEST><TYPE>${type}</TYPE><REQUESTID>${id}</REQUESTID>${fields.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</REQUEST>\r\n`;
}

async function sendRaw(client: XmlClient, document: string): Promise<string> {
  await client.write(document);
  const [reply] = await client.read();
  return reply!;
}

const refusal = (field: string, cp: string) => `${field} holds ${cp}, a character XML 1.0 does not allow`;

function assertRefused(reply: string, field: string, cp: string, what: string): void {
  assertWellFormedXml(reply, what);
  assert.equal(tag(reply, 'RESULTCODE'), '59', `${what}: ${reply}`);
  assert.equal(tag(reply, 'RESULTTYPE'), 'API_PARAMETERS_INVALID', what);
  assert.equal(tag(reply, 'RESULTMSG'), refusal(field, cp), what);
}

/** Events of a device as `EVENTTYPE` strings. */
const types = (documents: string[]) => documents.map((d) => tag(d, 'EVENTTYPE'));

describe('characters XML 1.0 forbids', function () {
  this.timeout(30000);
  let t: TestHost;
  let core: InTestRecorder;
  let client: XmlClient;
  let storage: Storage;
  const webApi = (query: string, init?: RequestInit) => fetch(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`, init).then((r) => r.text());

  beforeEach(async () => {
    t = await startTestHost();
    core = t.addCore(new InTestRecorder(1));
    client = await t.client();
    storage = t.host.container.get<Storage>(TOKENS.Storage);
  });
  afterEach(() => t.close());

  describe('sent in a request', () => {
    it('CALLSTART over TCP with one in ANI or USER1 is answered 59 naming the field and the character; nothing is stored, started or published', async () => {
      let id = 1;
      for (const form of TCP_FORMS) {
        for (const field of ['ANI', 'USER1']) {
          const reply = await sendRaw(client, rawRequest('CALLSTART', id++, [['DEVICEID', '4242'], [field, `614${form.text}555`]]));
          assertRefused(reply, field, form.cp, `${field} with ${form.how}`);
        }
      }
      assert.deepEqual(await storage.recordings.list({ deviceId: '4242' }), [], 'no recording row');
      assert.deepEqual(t.events.map((e) => e.event.type), [], 'no event');
      assert.deepEqual(core.signals, [], 'the recorder heard of no call');
      const devices = await send(client, 'DEVICELIST');
      assertWellFormedXml(devices, 'DEVICELIST');
      assert.equal(tag(devices, 'COUNT'), '0', 'no device in the live state');
      // The same request without the character is taken: the refusal was the character's.
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4242', ANI: '614555', USER1: 'Gold' }), 'RESULTTYPE'), 'API_OK');
    });

    it('IMPORTUSER ADD over TCP with one in FIRSTNAME, LASTNAME or EMAIL is answered 59 naming the field; no user is added', async () => {
      const before = await storage.users.list();
      let id = 1;
      for (const form of TCP_FORMS) {
        for (const field of ['FIRSTNAME', 'LASTNAME', 'EMAIL']) {
          const fields: [string, string][] = [['ACTION', 'ADD'], ['FIRSTNAME', 'Sally'], ['LASTNAME', 'Smith'], ['PASSWORD', 'secret']];
          const at = fields.findIndex(([name]) => name === field);
          if (at === -1) fields.push([field, `s${form.text}s@example.com`]);
          else fields[at] = [field, `${fields[at]![1]}${form.text}x`];
          assertRefused(await sendRaw(client, rawRequest('IMPORTUSER', id++, fields)), field, form.cp, `${field} with ${form.how}`);
        }
      }
      assert.deepEqual(await storage.users.list(), before, 'no user added');
      const list = await send(client, 'IMPORTUSER', { ACTION: 'LIST' });
      assertWellFormedXml(list, 'IMPORTUSER LIST');
    });

    it('the WebAPI answers %01 (and %0B, U+FFFE) in a query or form value 59 naming the field; nothing is stored', async () => {
      const form = (body: string) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      assertRefused(await webApi('type=CALLSTART&requestid=1&deviceid=4343&ani=614%01555'), 'ANI', 'U+0001', 'query ANI');
      assertRefused(await webApi('type=CALLSTART&requestid=2&deviceid=4343&user1=Gold%0BLevel'), 'USER1', 'U+000B', 'query USER1');
      assertRefused(await webApi('type=CALLSTART&requestid=3', form('deviceid=4343&user1=Gold%01')), 'USER1', 'U+0001', 'form USER1');
      assertRefused(await webApi('type=CALLSTART&requestid=4', form('deviceid=4343&ani=%EF%BF%BE')), 'ANI', 'U+FFFE', 'form ANI');
      const users = await storage.users.list();
      assertRefused(await webApi('type=IMPORTUSER&requestid=5&action=ADD&firstname=Sal%01ly&lastname=Smith'), 'FIRSTNAME', 'U+0001', 'query FIRSTNAME');
      assertRefused(await webApi('type=IMPORTUSER&requestid=6', form('action=ADD&firstname=Sally&last_name=Sm%01ith')), 'LAST_NAME', 'U+0001', 'form LAST_NAME');
      assert.deepEqual(await storage.recordings.list({ deviceId: '4343' }), []);
      assert.deepEqual(await storage.users.list(), users);
      assert.deepEqual(t.events, []);
    });

    it('TYPE / REQUESTTYPE and parameter names are checked too, and the echoed REQUESTTYPE carries U+FFFD instead', async () => {
      const overTcp = await sendRaw(client, '<REQUEST><REQUESTTYPE>CALL&#1;START</REQUESTTYPE><REQUESTID>7</REQUESTID><DEVICEID>4444</DEVICEID></REQUEST>\r\n');
      assertRefused(overTcp, 'REQUESTTYPE', 'U+0001', 'REQUESTTYPE over TCP');
      assert.equal(tag(overTcp, 'REQUESTTYPE'), 'CALL\uFFFDSTART');
      const overWeb = await webApi('type=CALL%01START&requestid=8&deviceid=4444');
      assertRefused(overWeb, 'TYPE', 'U+0001', 'type over the WebAPI');
      assert.equal(tag(overWeb, 'REQUESTTYPE'), 'CALL\uFFFDSTART');
      const name = await webApi('type=CALLSTART&requestid=9&deviceid=4444&us%01er1=Gold');
      assertWellFormedXml(name, 'bad name');
      assert.equal(tag(name, 'RESULTCODE'), '59');
      assert.equal(tag(name, 'RESULTMSG'), 'parameter name &apos;US\uFFFDER1&apos; holds U+0001, a character XML 1.0 does not allow');
      // Two spellings of a parameter (answered before the dispatcher) still echo a clean REQUESTTYPE.
      const duplicate = await webApi('type=CALL%01START&requestid=10&ani=1&ANI=2');
      assertWellFormedXml(duplicate, 'duplicate parameters');
      assert.equal(tag(duplicate, 'RESULTCODE'), '59');
      assert.deepEqual(await storage.recordings.list({ deviceId: '4444' }), []);
    });
  });

  describe('reaching the serializer another way', () => {
    const BAD = { ani: '614\u0001555', dnis: '800\u000B', user1: 'Gold\uFFFELevel', user2: 'x\uFFFF', user3: 'lone\uD800' };

    it('a database row holding them comes out of CALLLIST (TCP and WebAPI) as well-formed XML, each as U+FFFD', async () => {
      await storage.recordings.insertOpen({ device_id: '5151', start_time: Date.UTC(2020, 0, 1), ...BAD });
      for (const reply of [await send(client, 'CALLLIST', { DEVICEID: '5151' }), await webApi('type=CALLLIST&requestid=1&deviceid=5151')]) {
        assertWellFormedXml(reply, 'CALLLIST');
        assert.equal(tag(reply, 'COUNT'), '1');
        assert.equal(tag(reply, 'ANI'), '614\uFFFD555');
        assert.equal(tag(reply, 'DNIS'), '800\uFFFD');
        assert.equal(tag(reply, 'USER1'), 'Gold\uFFFDLevel');
        assert.equal(tag(reply, 'USER2'), 'x\uFFFD');
      }
    });

    it('a user row holding them comes out of IMPORTUSER LIST as well-formed XML', async () => {
      await storage.users.add({ first_name: 'Sal\u0001ly', last_name: 'Sm\uFFFFith', sys_user: 'smith\u000B1', email: 'a\u001F@example.com' }, Date.now(), ['7\u00011']);
      for (const reply of [await send(client, 'IMPORTUSER', { ACTION: 'LIST' }), await webApi('type=IMPORTUSER&requestid=1&action=LIST')]) {
        assertWellFormedXml(reply, 'IMPORTUSER LIST');
        assert.match(reply, /<FIRST_NAME>Sal\uFFFDly<\/FIRST_NAME>/);
        assert.match(reply, /<LAST_NAME>Sm\uFFFDith<\/LAST_NAME>/);
      }
    });

    /** What an input plugin does: it calls the CallService with what its PBX sent. */
    const startFromPlugin = () => t.host.container.get(CallService).start({ deviceId: '6161' }, {
      ani: BAD.ani, dnis: BAD.dnis, gate: 'q\u0002', users: [BAD.user1, BAD.user2, BAD.user3],
    });

    it('a call a plugin started with them: DEVICESTATUS, DEVICELIST, DEVICERECORDINGSTATUS and, once stopped, CALLLIST are well-formed', async () => {
      await startFromPlugin();
      for (const type of ['DEVICESTATUS', 'DEVICELIST', 'DEVICERECORDINGSTATUS']) {
        const reply = await send(client, type, type === 'DEVICELIST' ? {} : { DEVICEID: '6161' });
        assertWellFormedXml(reply, type);
        assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK', `${type}: ${reply}`);
      }
      const status = await send(client, 'DEVICESTATUS', { DEVICEID: '6161' });
      assert.equal(tag(status, 'ANI'), '614\uFFFD555');
      assert.equal(tag(status, 'GATE'), 'q\uFFFD');
      await t.host.container.get(CallService).stop({ deviceId: '6161' });
      const list = await send(client, 'CALLLIST', { DEVICEID: '6161' });
      assertWellFormedXml(list, 'CALLLIST');
      assert.equal(tag(list, 'COUNT'), '1');
      assert.equal(tag(list, 'USER1'), 'Gold\uFFFDLevel');
    });

    it('the events of that call are well-formed over TCP EVENTS and the WebSocket (XML, and the snapshot); JSON carries the values exactly', async () => {
      const tcpEvents = await t.client();
      assert.equal(tag(await send(tcpEvents, 'EVENTS', { EVENTCLASS: 'ALL' }, 0), 'RESULTTYPE'), 'API_OK');
      const wsXml = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events?class=ALL`);
      const wsJson = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events?class=ALL&format=json`);
      try {
        await startFromPlugin();
        // A subscriber that joins now gets the call in its snapshot.
        const late = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events?class=ALL&snapshot=yes`);
        try {
          const [snapshot] = await late.next(1);
          assertWellFormedXml(snapshot!, 'snapshot event');
          assert.equal(tag(snapshot!, 'ANI'), '614\uFFFD555');
        } finally {
          late.close();
        }
        await t.host.container.get(CallService).stop({ deviceId: '6161' });

        const expected = ['CALLSTART', 'RECORDINGSTARTED', 'CALLSTOP', 'RECORDINGSTOPPED', 'RECORDINGUPDATE'];
        const overTcp = await tcpEvents.read(expected.length);
        const overWs = await wsXml.next(expected.length);
        assert.deepEqual(types(overTcp), expected);
        assert.deepEqual(types(overWs), expected);
        for (const [i, event] of overTcp.entries()) assertWellFormedXml(event, `TCP event ${expected[i]}`);
        for (const [i, event] of overWs.entries()) assertWellFormedXml(event, `WebSocket event ${expected[i]}`);
        assert.equal(tag(overTcp[0]!, 'ANI'), '614\uFFFD555');
        assert.equal(tag(overTcp[0]!, 'USER1'), 'Gold\uFFFDLevel');

        const json = (await wsJson.next(expected.length)).map((frame) => JSON.parse(frame) as { EVENTTYPE: string; data: Record<string, string> });
        assert.deepEqual(json.map((e) => e.EVENTTYPE), expected);
        assert.equal(json[0]!.data['ANI'], BAD.ani, 'JSON carries the value exactly');
        assert.equal(json[0]!.data['USER1'], BAD.user1);
        assert.equal(json[0]!.data['USER3'], BAD.user3, 'a lone surrogate too, as \\ud800');
      } finally {
        wsXml.close();
        wsJson.close();
      }
    });
  });
});

describe('characters XML 1.0 forbids, in a database written before they were refused', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-xmlchars-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a real `callwire start` answers CALLLIST and IMPORTUSER LIST from those rows with well-formed XML', async () => {
    const storage = await openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
    try {
      await storage.recordings.insertOpen({ device_id: '7171', start_time: Date.UTC(2020, 0, 1), ani: '614\u0001555', user1: 'Gold\u000B', user15: '\uFFFE' });
      await storage.users.add({ first_name: 'Old\u0001', last_name: 'Row\uFFFF' });
    } finally {
      await storage.close();
    }
    const server = CallwireProcess.spawn(['start'], { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
    try {
      const ports = await server.ready();
      const client = await XmlClient.open(ports.api);
      try {
        const calls = await send(client, 'CALLLIST', { DEVICEID: '7171' });
        assertWellFormedXml(calls, 'CALLLIST');
        assert.equal(tag(calls, 'ANI'), '614\uFFFD555');
        const users = await send(client, 'IMPORTUSER', { ACTION: 'LIST' });
        assertWellFormedXml(users, 'IMPORTUSER LIST');
        assert.match(users, /<FIRST_NAME>Old\uFFFD<\/FIRST_NAME>/);
      } finally {
        client.close();
      }
    } finally {
      server.kill('SIGTERM');
      await server.exit();
    }
  });
});
