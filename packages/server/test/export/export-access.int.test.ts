import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCav, type Recording } from '@callwire/core';
import { selfSignedCertificate } from '../support/self-signed.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { download, xmlTag } from './support/download.js';
import { recordCall, recorderPlugins, storageOf } from './support/recorded-calls.js';
import { SmtpSink } from './support/smtp-sink.js';
import { readWavBytes } from './support/wav-bytes.js';
import { readZip } from './support/zip-entries.js';

const basic = (user: string) => `Basic ${Buffer.from(`${user}:s3cret!`).toString('base64')}`;

/**
 * With auth.required, exports need ALLOWEXPORTDOWNLOAD and mails
 * ALLOWEXPORTEMAIL, over HTTPS with a self-signed certificate; every
 * attempt lands in the audit log under the user's name.
 */
describe('exports and emails under auth.required, over HTTPS', function () {
  this.timeout(60_000);
  let certs: string;
  let ca: Buffer;
  let sink: SmtpSink;
  let t: TestHost;
  let client: XmlClient;
  let recording: Recording;
  const https = (query: string, user?: string) =>
    download(`https://127.0.0.1:${t.host.addresses.tls!.port}/webAPI.aspx?${query}`, { ca, ...(user ? { authorization: basic(user) } : {}) });

  before(async () => {
    certs = mkdtempSync(join(tmpdir(), 'callwire-export-tls-'));
    const tls = selfSignedCertificate(certs);
    ca = readFileSync(tls.cert);
    sink = await SmtpSink.start();
    t = await startTestHost({
      plugins: recorderPlugins(),
      auth: { required: true },
      server: { tls: { port: 0, ...tls } },
      email: { smtp: { host: '127.0.0.1', port: sink.port }, from: 'recorder@example.com' },
    });
    client = await t.client();
    const grant: Record<string, string[]> = {
      downloader: ['ALLOWAPIAUTH', 'ALLOWEXPORTDOWNLOAD'],
      mailer: ['ALLOWAPIAUTH', 'ALLOWEXPORTEMAIL'],
      viewer: ['ALLOWAPIAUTH'],
    };
    for (const [username, permissions] of Object.entries(grant)) {
      const reply = await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: username, PASSWORD: 's3cret!', FIRSTNAME: username, LASTNAME: 'Example' });
      assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
      await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: `role-${username}` });
      for (const permission of permissions) {
        const added = await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: `role-${username}`, PERMISSIONNAME: permission });
        assert.equal(xmlTag(added, 'RESULTTYPE'), 'API_OK', added);
      }
      assert.equal(xmlTag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: `role-${username}`, USERNAME: username }), 'RESULTTYPE'), 'API_OK');
    }
    recording = await recordCall(t, client, { device: '7130', talks: [{ ssrc: 9, frequency: 1000 }], packets: 15, fields: { USER5: 'case-77' } });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
    rmSync(certs, { recursive: true, force: true });
  });

  const exportQuery = 'type=export&requestid=1&uniquefield=user5&uniqueid=case-77&media_format=wav';

  it('streams an export over HTTPS to a user whose role has ALLOWEXPORTDOWNLOAD, and audits it under that user', async () => {
    const response = await https(exportQuery, 'downloader');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'audio/wav');
    assert.ok(readWavBytes(response.body).data.equals(readWavBytes(readFileSync(recording.filename!)).data));
    const [entry] = await storageOf(t).audit.list({ action: 'EXPORT', limit: 1 });
    assert.equal(entry?.who, 'downloader');
    assert.equal(entry?.detail, `UNIQUEFIELD=user5 UNIQUEID=case-77 MEDIA_FORMAT=wav: API_OK file ${recording.ident}.wav`);
    assert.match(entry?.remote_address ?? '', /^127\.0\.0\.1:\d+$/);
    assert.ok(Math.abs(entry!.at - Date.now()) < 5000);
  });

  it('refuses an export to a user without ALLOWEXPORTDOWNLOAD (API_COMMAND_NOT_ALLOWED), and audits the refusal', async () => {
    for (const user of ['viewer', 'mailer']) {
      const response = await https(exportQuery, user);
      assert.match(String(response.headers['content-type']), /^text\/xml/);
      const reply = response.body.toString();
      assert.equal(xmlTag(reply, 'RESULTCODE'), '44');
      assert.equal(xmlTag(reply, 'RESULTMSG'), `the role of user ${user} lacks ALLOWEXPORTDOWNLOAD`);
    }
    const entries = await storageOf(t).audit.list({ action: 'EXPORT', limit: 2 });
    assert.deepEqual(entries.map((e) => e.who), ['mailer', 'viewer']);
    assert.ok(entries.every((e) => e.detail?.endsWith('API_COMMAND_NOT_ALLOWED the role of user ' + e.who + ' lacks ALLOWEXPORTDOWNLOAD')));
  });

  it('serves every format, and the ZIP, over HTTPS', async () => {
    const expected: [string, string][] = [['mp3', 'audio/mpeg'], ['vox', 'audio/x-vox'], ['cav', 'application/x-callwire-cav']];
    for (const [format, type] of expected) {
      const response = await https(`type=export&requestid=3&uniquefield=ident&uniqueid=${recording.ident}&media_format=${format}`, 'downloader');
      assert.equal(response.headers['content-type'], type);
      assert.equal(response.headers['content-disposition'], `attachment; filename="${recording.ident}.${format}"`);
    }
    const cav = await https(`type=export&requestid=3&uniquefield=ident&uniqueid=${recording.ident}&media_format=cav&encrypt=Y&password=pw`, 'downloader');
    assert.equal((await readCav(cav.body, 'pw')).metadata.recordings[0]?.['user5'], 'case-77');
    const zip = await https(`type=multiexport&requestid=4&ident=${recording.ident}&media_format=vox`, 'downloader');
    assert.deepEqual(readZip(zip.body).map((e) => [e.name, e.data.length]), [[`${recording.ident}.vox`, Math.ceil(readWavBytes(readFileSync(recording.filename!)).frames / 2)]]);
  });

  it('refuses an export without credentials before it reaches the route (401)', async () => {
    const response = await https(exportQuery);
    assert.equal(response.status, 401);
  });

  it('mails for a user with ALLOWEXPORTEMAIL and refuses others, and the TCP API that carries no user', async () => {
    const query = `type=email&requestid=2&ident=${recording.ident}&toaddress=auditor@example.com&media_format=wav`;
    assert.equal(xmlTag((await https(query, 'mailer')).body.toString(), 'RESULTTYPE'), 'API_OK');
    const [message] = await sink.waitFor(1);
    assert.equal(message!.mail.attachments[0]?.filename, `${recording.ident}.wav`);
    const refused = (await https(query, 'downloader')).body.toString();
    assert.equal(xmlTag(refused, 'RESULTCODE'), '44');
    assert.equal(xmlTag(refused, 'RESULTMSG'), 'the role of user downloader lacks ALLOWEXPORTEMAIL');
    const tcp = await send(client, 'EMAIL', { IDENT: recording.ident, TOADDRESS: 'auditor@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(tcp, 'RESULTCODE'), '44');
    assert.match(xmlTag(tcp, 'RESULTMSG')!, /send it through the WebAPI with HTTP Basic credentials/);
    assert.equal(sink.received.length, 1, 'only the allowed mail went out');
    const audit = await storageOf(t).audit.list({ action: 'EMAIL' });
    assert.deepEqual(audit.map((e) => [e.who, e.detail?.split(': ')[1]?.split(' ')[0]]), [
      [null, 'API_COMMAND_NOT_ALLOWED'],
      ['downloader', 'API_COMMAND_NOT_ALLOWED'],
      ['mailer', 'API_OK'],
    ]);
  });
});
