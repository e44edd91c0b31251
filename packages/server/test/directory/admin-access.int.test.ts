import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { request, send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** One request over a new TCP connection from `localAddress` (Linux routes all of 127/8 to lo), and its reply. */
async function sendFrom(localAddress: string, port: number, type: string, params: Record<string, string | number> = {}): Promise<string> {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  await once(socket, 'connect');
  socket.write(request(type, 1, params));
  let text = '';
  socket.setEncoding('utf8');
  for await (const chunk of socket as AsyncIterable<string>) {
    text += chunk;
    if (text.includes('\r\n')) break;
  }
  socket.destroy();
  return text.slice(0, text.indexOf('\r\n'));
}

/** Every function that changes users, roles and permissions, with parameters that pass the field rules. */
const ADMINISTRATIVE: [string, Record<string, string | number>][] = [
  ['IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Mallory', LASTNAME: 'Example', USERNAME: 'mallory', PASSWORD: 'pwned!' }],
  ['IMPORTUSER', { ACTION: 'MODIFY', USERID: 1, EMAIL: 'x@example.com' }],
  ['IMPORTUSER', { ACTION: 'DELETE', USERID: 999 }],
  ['IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '4711', AGENTID: 1 }],
  ['IMPORTWORKSTATION', { DEVICEID: '4711', STATIONNAME: 'DESK-1', LOCATIONID: 1 }],
  ['ADDGROUP', { GROUPNAME: 'Sales' }],
  ['MODIFYGROUPPERMISSION', { ACTION: 'ADD', GROUPNAME: 'Sales', AGENTID: 1 }],
  ['MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Exporters' }],
  ['MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', ROLENAME: 'Exporters', GROUPNAME: 'Sales' }],
  ['MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Exporters', USERNAME: 'mallory' }],
  ['MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Exporters', PERMISSIONNAME: 'ALLOWEXPORTDOWNLOAD' }],
];

/** The role permission each needs over the WebAPI. */
const PERMISSION_OF: Record<string, string> = {
  IMPORTUSER: 'ALLOWAGENTADMIN', IMPORTAGENTPHONE: 'ALLOWAGENTADMIN', MODIFYUSERROLE: 'ALLOWAGENTADMIN', MODIFYROLE: 'ALLOWAGENTADMIN',
  MODIFYROLEPERMISSION: 'ALLOWAGENTADMIN', ADDGROUP: 'ALLOWGROUPADMIN', MODIFYGROUPPERMISSION: 'ALLOWGROUPADMIN',
  MODIFYROLEGROUPPERMISSION: 'ALLOWGROUPADMIN', IMPORTWORKSTATION: 'ALLOWSYSTEMCONFIG',
};

const result = (reply: string) => `${tag(reply, 'RESULTCODE')} ${tag(reply, 'RESULTTYPE')}`;

describe('administrative functions (users, roles, permissions) with auth.required', function () {
  this.timeout(60_000);
  let t: TestHost;
  afterEach(() => t?.close());

  describe('over TCP, by server.api.adminAllow (default: this machine)', () => {
    beforeEach(async () => (t = await startTestHost({ auth: { required: true } })));

    it('answers 44 to each of them from an address outside it, and changes nothing', async () => {
      for (const [type, params] of ADMINISTRATIVE) {
        const reply = await sendFrom('127.0.0.2', t.apiPort, type, params);
        assert.equal(result(reply), '44 API_COMMAND_NOT_ALLOWED', `${type} ${params['ACTION'] ?? ''}`);
        assert.match(tag(reply, 'RESULTMSG')!, /accepted over TCP only from server\.api\.adminAllow, which does not hold 127\.0\.0\.2/);
      }
      // the chain of the report: a user with export rights was created this way, then downloaded over the WebAPI
      const list = await sendFrom('127.0.0.2', t.apiPort, 'IMPORTUSER', { ACTION: 'LIST' });
      assert.equal(result(list), '20 API_OK', 'LIST only reads and stays open');
      assert.doesNotMatch(list, /mallory/i);
      const download = await fetch(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=test&requestid=1`, { headers: { Authorization: basic('mallory', 'pwned!') } });
      assert.equal(download.status, 401);
      assert.equal(result(await sendFrom('127.0.0.2', t.apiPort, 'TEST')), '20 API_OK', 'other functions are not affected');
    });

    it('accepts them from 127.0.0.1', async () => {
      for (const [type, params] of ADMINISTRATIVE) {
        const reply = await sendFrom('127.0.0.1', t.apiPort, type, params);
        assert.notEqual(tag(reply, 'RESULTTYPE'), 'API_COMMAND_NOT_ALLOWED', `${type}: ${reply}`);
      }
      assert.match(await sendFrom('127.0.0.1', t.apiPort, 'IMPORTUSER', { ACTION: 'LIST' }), /<USERNAME>mallory<\/USERNAME>/);
    });
  });

  it('takes the addresses from server.api.adminAllow when it is set', async () => {
    t = await startTestHost({ auth: { required: true }, server: { api: { adminAllow: ['127.0.0.2/32'] } } });
    assert.equal(result(await sendFrom('127.0.0.2', t.apiPort, 'ADDGROUP', { GROUPNAME: 'Sales' })), '20 API_OK');
    assert.equal(result(await sendFrom('127.0.0.1', t.apiPort, 'ADDGROUP', { GROUPNAME: 'Sales' })), '44 API_COMMAND_NOT_ALLOWED');
  });

  it('lets every address administer when auth.required is off, as before', async () => {
    t = await startTestHost();
    assert.equal(result(await sendFrom('127.0.0.2', t.apiPort, 'ADDGROUP', { GROUPNAME: 'Sales' })), '20 API_OK');
  });

  describe('over the WebAPI, by the user\'s role', () => {
    let admin: XmlClient;
    const webApi = async (type: string, params: Record<string, string | number>, user = 'integrator') => {
      const query = new URLSearchParams({ type, requestid: '1', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
      const response = await fetch(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`, { headers: { Authorization: basic(user, 's3cret!') } });
      assert.equal(response.status, 200);
      return response.text();
    };
    const grant = async (permission: string) =>
      assert.equal(tag(await send(admin, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Integrations', PERMISSIONNAME: permission }), 'RESULTTYPE'), 'API_OK');

    beforeEach(async () => {
      t = await startTestHost({ auth: { required: true } });
      admin = await t.client();
      await send(admin, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'integrator', PASSWORD: 's3cret!', FIRSTNAME: 'Ida', LASTNAME: 'Example' });
      await send(admin, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Integrations' });
      await grant('ALLOWAPIAUTH');
      assert.equal(tag(await send(admin, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Integrations', USERNAME: 'integrator' }), 'RESULTTYPE'), 'API_OK');
    });

    it('refuses every one of them to a user with ALLOWAPIAUTH alone, LIST and other functions excepted', async () => {
      for (const [type, params] of ADMINISTRATIVE) {
        const reply = await webApi(type, params);
        assert.equal(result(reply), '44 API_COMMAND_NOT_ALLOWED', `${type} ${params['ACTION'] ?? ''}`);
        assert.equal(tag(reply, 'RESULTMSG'), `${type} needs ${PERMISSION_OF[type]}, which no role of user integrator has`);
      }
      assert.equal(result(await webApi('IMPORTUSER', { ACTION: 'LIST' })), '20 API_OK');
      assert.equal(result(await webApi('TEST', {})), '20 API_OK');
    });

    it('lets ALLOWAGENTADMIN manage users and roles, ALLOWGROUPADMIN groups, ALLOWSYSTEMCONFIG stations', async () => {
      const allowed = async (type: string, params: Record<string, string | number>) => tag(await webApi(type, params), 'RESULTTYPE') !== 'API_COMMAND_NOT_ALLOWED';
      await grant('ALLOWAGENTADMIN');
      assert.equal(await allowed('IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Nora', LASTNAME: 'New' }), true);
      assert.equal(await allowed('MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Another' }), true);
      assert.equal(await allowed('ADDGROUP', { GROUPNAME: 'Sales' }), false, 'groups need ALLOWGROUPADMIN');
      assert.equal(await allowed('IMPORTWORKSTATION', { DEVICEID: '4711', STATIONNAME: 'DESK-1', LOCATIONID: 1 }), false, 'stations need ALLOWSYSTEMCONFIG');
      await grant('ALLOWGROUPADMIN');
      assert.equal(await allowed('ADDGROUP', { GROUPNAME: 'Sales' }), true);
      assert.equal(await allowed('MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', ROLENAME: 'Another', GROUPNAME: 'Sales' }), true);
      await grant('ALLOWSYSTEMCONFIG');
      assert.equal(await allowed('IMPORTWORKSTATION', { DEVICEID: '4711', STATIONNAME: 'DESK-1', LOCATIONID: 1 }), true);
    });
  });
});
