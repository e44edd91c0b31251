import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { AgentWindows, TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { resultData, text } from './directory-replies.js';

describe('IMPORTWORKSTATION and AGENTWINDOW', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const code = (reply: string) => `${text(reply, 'RESULTCODE')} ${text(reply, 'RESULTTYPE')}`;
  const workstation = (params: Record<string, string | number>) => send(client, 'IMPORTWORKSTATION', params);

  beforeEach(async () => {
    t = await startTestHost({ timezone: 'America/New_York' });
    client = await t.client();
  });
  afterEach(() => t.close());

  describe('IMPORTWORKSTATION', () => {
    it('DEVICEID, STATIONNAME and LOCATIONID are all required: 16 naming each one missing', async () => {
      assert.equal(text(await workstation({ STATIONNAME: 'PC1', LOCATIONID: 1 }), 'RESULTMSG'), 'IMPORTWORKSTATION needs DEVICEID, STATIONNAME, LOCATIONID; missing: DEVICEID');
      assert.equal(text(await workstation({ DEVICEID: '1', LOCATIONID: 1 }), 'RESULTMSG'), 'IMPORTWORKSTATION needs DEVICEID, STATIONNAME, LOCATIONID; missing: STATIONNAME');
      const noLocation = await workstation({ DEVICEID: '1', STATIONNAME: 'PC1', LOCATIONID: '' });
      assert.equal(code(noLocation), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(text(noLocation, 'RESULTMSG'), 'IMPORTWORKSTATION needs DEVICEID, STATIONNAME, LOCATIONID; missing: LOCATIONID');
      assert.deepEqual(await storage().stations.list(), []);
    });

    it('deletes any mapping of the device or the station before adding, so both stay unique', async () => {
      await workstation({ DEVICEID: '1234', STATIONNAME: 'PC1', LOCATIONID: 1 });
      await workstation({ DEVICEID: '5678', STATIONNAME: 'PC2', LOCATIONID: 1 });
      const moved = await workstation({ DEVICEID: '1234', STATIONNAME: 'PC2', LOCATIONID: 2 });
      assert.deepEqual(resultData(moved), [['DEVICEID', '1234'], ['STATIONNAME', 'PC2']]);
      assert.deepEqual(await storage().stations.list(), [{ station_name: 'PC2', device_id: '1234', location_id: 2 }]);
    });

    it('CALLSTART by STATIONNAME records the device the station is mapped to', async () => {
      t.addCore(new InTestRecorder(1));
      await workstation({ DEVICEID: '2001', STATIONNAME: 'COMPUTER1', LOCATIONID: 1 });
      assert.equal(code(await send(client, 'CALLSTART', { STATIONNAME: 'COMPUTER1' })), '20 API_OK');
      await send(client, 'CALLSTOP', { DEVICEID: '2001' });
      assert.equal((await storage().recordings.lastForDevice('2001'))?.station_name, 'COMPUTER1');
    });

    it('when the database refuses the new mapping: API_DATABASE_QUERY_ERROR (23) carrying the STATIONNAME sent and the DEVICEID still stored', async () => {
      await workstation({ DEVICEID: '1111', STATIONNAME: 'BROKEN', LOCATIONID: 1 });
      await sql`create trigger refuse_broken before insert on stations when new.station_name = 'BROKEN'
        begin select raise(abort, 'stations are read-only for this test'); end`.execute(storage().db);
      const reply = await workstation({ DEVICEID: '2222', STATIONNAME: 'BROKEN', LOCATIONID: 1 });
      assert.equal(code(reply), '23 API_DATABASE_QUERY_ERROR');
      assert.deepEqual(resultData(reply), [['DEVICEID', '1111'], ['STATIONNAME', 'BROKEN']]);
      assert.equal((await storage().stations.byStation('BROKEN'))?.device_id, '1111', 'the old mapping was kept');
    });
  });

  describe('AGENTWINDOW', () => {
    const windows = () => t.host.container.get(AgentWindows);
    const at = (hour: number, minute: number) => Date.UTC(2024, 6, 4, hour, minute);

    it('by USERNAME answers the user\'s most recently updated computer; by an unknown COMPUTERNAME it falls back to USERNAME', async () => {
      await windows().report({ computerName: 'DESK-A', username: 'ceddy', domain: 'corp', ipAddress: '10.0.0.1', status: 'AVAILABLE', applicationTitle: 'CRM', at: at(13, 5) });
      await windows().report({ computerName: 'DESK-B', username: 'ceddy', domain: 'corp', ipAddress: '10.0.0.2', status: 'ON CALL', applicationTitle: 'Softphone', at: at(14, 30) });
      const byUser = await send(client, 'AGENTWINDOW', { USERNAME: 'ceddy' });
      assert.deepEqual(resultData(byUser), [
        ['DOMAIN', 'corp'], ['IPADDRESS', '10.0.0.2'], ['STATUS', 'ON CALL'], ['APPLICATIONTITLE', 'Softphone'], ['LASTUPDATE', 'Jul  4 2024 10:30AM'],
      ]);
      const byComputer = await send(client, 'AGENTWINDOW', { COMPUTERNAME: 'DESK-A' });
      assert.equal(text(byComputer, 'APPLICATIONTITLE'), 'CRM');
      assert.equal(text(byComputer, 'LASTUPDATE'), 'Jul  4 2024  9:05AM');
      assert.equal(text(await send(client, 'AGENTWINDOW', { COMPUTERNAME: 'NOWHERE', USERNAME: 'ceddy' }), 'IPADDRESS'), '10.0.0.2');
    });

    it('keeps the latest window per computer: a newer report replaces it, an older one arriving late does not', async () => {
      await windows().report({ computerName: 'DESK-A', username: 'ceddy', applicationTitle: 'first', at: at(13, 0) });
      await windows().report({ computerName: 'DESK-A', username: 'ceddy', applicationTitle: 'third', at: at(15, 0) });
      await windows().report({ computerName: 'DESK-A', username: 'ceddy', applicationTitle: 'second', at: at(14, 0) });
      assert.equal(text(await send(client, 'AGENTWINDOW', { COMPUTERNAME: 'DESK-A' }), 'APPLICATIONTITLE'), 'third');
      await assert.rejects(windows().report({ computerName: '  ' }), /needs a computer name/);
    });

    it('an unknown agent is API_AGENT_NOT_FOUND (24); naming none is 16', async () => {
      const unknown = await send(client, 'AGENTWINDOW', { COMPUTERNAME: 'NOWHERE', USERNAME: 'nobody' });
      assert.equal(code(unknown), '24 API_AGENT_NOT_FOUND');
      assert.equal(text(unknown, 'RESULTMSG'), 'no agent window is known for COMPUTERNAME NOWHERE or USERNAME nobody');
      assert.equal(code(await send(client, 'AGENTWINDOW')), '16 API_INVALID_MESSAGE_FORMAT');
    });
  });
});
