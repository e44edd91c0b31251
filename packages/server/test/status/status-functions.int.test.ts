import assert from 'node:assert/strict';
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

/** The element names directly inside the first `<name>` block, in order. */
function childTags(xml: string, name: string): string[] {
  const inner = new RegExp(`<${name}>\\n([\\s\\S]*?)\\n(\\t*)</${name}>`).exec(xml);
  assert.ok(inner, `no <${name}> block in ${xml}`);
  const depth = inner[2]!.length + 1;
  return [...inner[1]!.matchAll(new RegExp(`^\\t{${depth}}<([A-Z0-9_]+)>`, 'gm'))].map((m) => m[1]!);
}

const USERS = Array.from({ length: 15 }, (_, i) => `USER${i + 1}`);
const DEVICE_LAYOUT = ['DEVICEID', 'DEVICEALIAS', 'SYS_USER', 'CRM_USER', 'GROUP', 'GATE', 'ANI', 'DNIS', ...USERS, 'CALLDIRECTION', 'ISTRUNK', 'STATION', 'STARTTIME', 'STOPTIME', 'COREIDENT', 'RECORDING'];
const RECORDING_LAYOUT = ['ISRECORDING', 'ISRECORDINGVIDEO', 'FILENAME', 'CALLID', 'SESSIONID', 'CALLINSTANCE'];
const TIME = /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/;

describe('status functions', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);

  beforeEach(async () => {
    t = await startTestHost({ terminology: { deviceid: 'Extension' }, timezone: 'America/New_York' });
    t.addCore(new InTestRecorder(1, 4));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('DEVICELIST lists one instance per device, in the manual\'s layout, with COUNT', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '1111', DEVICEALIAS: 'DESK1', GROUP: 'MANAGER', GATE: 'prize', USER1: 'E', USER2: 'winners', CALLDIRECTION: 'I', CALLINSTANCE: '2001' });
    await send(client, 'CALLSTART', { DEVICEID: '1111', CALLINSTANCE: '2002' });
    await send(client, 'CALLSTART', { DEVICEID: '2222' });
    await send(client, 'CALLSTOP', { DEVICEID: '2222' });
    const reply = await send(client, 'DEVICELIST');
    assert.equal(tag(reply, 'RESULTMSG'), 'API_OK');
    assert.deepEqual(childTags(reply, 'DEVICES'), ['COUNT', 'DEVICE', 'DEVICE']);
    assert.equal(tag(reply, 'COUNT'), '2');
    assert.deepEqual(childTags(reply, 'DEVICE'), DEVICE_LAYOUT);
    assert.deepEqual(childTags(reply, 'RECORDING'), RECORDING_LAYOUT);
    assert.equal(tag(reply, 'CALLINSTANCE'), '2002', 'the latest active instance of 1111');
    assert.match(tag(reply, 'STARTTIME')!, TIME);
    const second = reply.slice(reply.lastIndexOf('<DEVICE>'));
    assert.equal(tag(second, 'DEVICEID'), '2222');
    assert.match(tag(second, 'STOPTIME')!, TIME, 'an idle device shows its last call');
    assert.equal(tag(second, 'ISRECORDING'), 'N');
  });

  it('DEVICESTATUS answers by DEVICEID, CALLID and DEVICEALIAS with the highest-priority instance; an unknown device is 8', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '1111', DEVICEALIAS: 'DESK1', CALLID: 'C-1', CALLINSTANCE: '1', ANI: '6145551212' });
    for (const params of [{ DEVICEID: '1111' }, { CALLID: 'C-1' }, { DEVICEALIAS: 'DESK1' }] as Record<string, string>[]) {
      const reply = await send(client, 'DEVICESTATUS', params, 24);
      assert.equal(tag(reply, 'RESULTMSG'), 'Found the following matching devices', JSON.stringify(params));
      assert.deepEqual([tag(reply, 'COUNT'), tag(reply, 'DEVICEID'), tag(reply, 'ANI'), tag(reply, 'ISRECORDING'), tag(reply, 'COREIDENT')], ['1', '1111', '6145551212', 'Y', '1']);
      assert.match(tag(reply, 'FILENAME')!, /^\/rec\/1111\//);
    }
    const unknown = await send(client, 'DEVICESTATUS', { DEVICEID: '9999' });
    assert.equal(tag(unknown, 'RESULTTYPE'), 'API_DEVICE_INVALID');
  });

  it('DEVICERECORDINGSTATUS lists every recorded instance with its STATUS', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7008', CALLINSTANCE: '37', ANI: '7460', DNIS: '7008', CALLDIRECTION: 'I' });
    await send(client, 'CALLSTART', { DEVICEID: '7008', CALLINSTANCE: '38', ANI: '7008', DNIS: '7007', CALLDIRECTION: 'O' });
    const reply = await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '7008' });
    assert.equal(tag(reply, 'RESULTMSG'), 'Following active call instances found for specified deviceID, devicealias, crm_user or sys_user');
    assert.deepEqual(childTags(reply, 'DEVICE'), ['DEVICEID', 'DEVICEALIAS', 'SYS_USER', 'CRM_USER', 'COREIDENT', 'COUNT', 'RECORDING', 'RECORDING']);
    assert.deepEqual(childTags(reply, 'RECORDING'), ['GROUP', 'GATE', 'ANI', 'DNIS', ...USERS, 'CALLDIRECTION', 'ISTRUNK', 'STATION', 'STARTTIME', 'STOPTIME', ...RECORDING_LAYOUT, 'STATUS']);
    const blocks = reply.split('<RECORDING>').slice(1);
    assert.deepEqual(blocks.map((b) => [tag(b, 'CALLINSTANCE'), tag(b, 'ANI'), tag(b, 'STATUS')]), [['37', '7460', 'recording'], ['38', '7008', 'recording']]);
  });

  it('SYSTEMSTATUS reports this host\'s real figures in the manual\'s form', async () => {
    const reply = await send(client, 'SYSTEMSTATUS', {}, 255);
    const path = tag(reply, 'RECORDINGPATH')!;
    assert.equal(path, t.host.config.recordings.path);
    const capacity = Number(tag(reply, 'RECORDINGTOTALDISKCAPACITY'));
    const disk = statfsSync(t.dir);
    assert.equal(capacity, Math.floor((disk.blocks * disk.bsize) / 2 ** 20));
    assert.match(tag(reply, 'RECORDINGTOTALDISKFREEPCT')!, /^\d{1,3}\.\d{2}$/);
    assert.match(tag(reply, 'RECORDINGSPEACEINFO')!, /^\d+\.\d{2}GB of \d+\.\d{2}GB$/);
    assert.equal(tag(reply, 'RECORDINGSPACEINFO'), tag(reply, 'RECORDINGSPEACEINFO'));
    assert.match(tag(reply, 'SYSTEMUPTIME')!, /^\d+ days, \d+ hours, \d+ minutes, \d+ seconds\.$/);
    assert.equal([...reply.matchAll(/<PROCESSOR\d+>/g)].length, cpus().length);
    assert.match(tag(reply, 'SYSTEMPROCESSORSPEED')!, /^\d+MHz$/);
    assert.equal(Number(tag(reply, 'SYSTEMRAMTOTAL')), Math.floor(totalmem() / 2 ** 20));
    const [total, free, used] = ['SYSTEMRAMTOTAL', 'SYSTEMRAMFREE', 'SYSTEMRAMUSED'].map((n) => Number(tag(reply, n)));
    assert.equal(total, free! + used!);
  });

  it('SYSTEMSTATUS: each PROCESSOR#\'s SYSTEMPROCESSORSPEED is its MHz (the manual\'s 2394MHz), from /proc/cpuinfo where os.cpus() reports 0, and SYSTEMPROCESSORTYPE its model', async () => {
    const reply = await send(client, 'SYSTEMSTATUS', {}, 255);
    // what this machine knows of each processor, read here independently of Callwire
    const table = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8').split(/\n\s*\n/).filter((b) => /^processor\s*:/m.test(b)) : [];
    cpus().forEach((cpu, i) => {
      const block = reply.split(`<PROCESSOR${i}>`)[1]!.split(`</PROCESSOR${i}>`)[0]!;
      const mhz = cpu.speed > 0 ? cpu.speed : Math.round(Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(table[i] ?? '')?.[1] ?? 0));
      assert.equal(tag(block, 'SYSTEMPROCESSORSPEED'), `${mhz}MHz`, `PROCESSOR${i}`);
      const model = cpu.model.trim() || /^model name\s*:\s*(.+)$/m.exec(table[i] ?? '')?.[1]?.trim() || '';
      assert.equal(tag(block, 'SYSTEMPROCESSORTYPE'), model, `PROCESSOR${i}`);
    });
  });

  it('CHANNELS lists every channel of every core; COUNT equals the CHANNEL blocks', async () => {
    t.addCore(new InTestRecorder(2, 2));
    await send(client, 'CALLSTART', { DEVICEID: '7002' });
    const reply = await send(client, 'CHANNELS', {}, 26);
    const channels = reply.split('<CHANNEL>').slice(1);
    assert.equal(Number(tag(reply, 'COUNT')), 6);
    assert.equal(channels.length, 6);
    assert.deepEqual(childTags(reply, 'CHANNEL'), ['ID', 'STATE', 'PLAYBACKEXTENSION', 'RECORDINGDEVICEALIAS', 'RECORDINGDEVICE', 'LASTSTATECHANGE', 'LASTSTATECHANGEUNIXTIME', 'COREIDENT']);
    assert.deepEqual([tag(channels[0]!, 'STATE'), tag(channels[0]!, 'RECORDINGDEVICE')], ['Recording', '7002']);
    assert.deepEqual(channels.map((c) => tag(c, 'COREIDENT')), ['1', '1', '1', '1', '2', '2']);
  });

  it('STATIONS and FETCHTERMINOLOGY list their tables with COUNT; terminology is renamed by config', async () => {
    await storage().stations.replace('7007', 'JamesBond', 1);
    await storage().stations.replace('7008', 'Moneypenny', 1);
    const stations = await send(client, 'STATIONS', {}, 29);
    assert.equal(tag(stations, 'COUNT'), '2');
    assert.deepEqual(stations.split('<STATION>').slice(1).map((s) => [tag(s, 'STATIONNAME'), tag(s, 'DEVICEID')]), [['JamesBond', '7007'], ['Moneypenny', '7008']]);
    const terms = await send(client, 'FETCHTERMINOLOGY', {}, 34);
    assert.equal(tag(terms, 'COUNT'), '10');
    const pairs = Object.fromEntries(terms.split('<TERMINOLOGY>').slice(1).map((s) => [tag(s, 'NAME'), tag(s, 'VALUE')]));
    assert.equal(pairs['deviceid'], 'Extension');
    assert.equal(pairs['ani'], 'CallerID ANI');
    assert.equal(pairs['user2'], 'CSN');
  });
});
