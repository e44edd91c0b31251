import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Recording } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { download, xmlTag } from './support/download.js';
import { scanMp3 } from './support/mp3-scan.js';
import { recordCall, recorderPlugins, storageOf } from './support/recorded-calls.js';
import { SmtpSink } from './support/smtp-sink.js';
import { readWavBytes } from './support/wav-bytes.js';
import { readZip } from './support/zip-entries.js';

const FROM = 'recorder@example.com';

/**
 * EMAIL and COMBINEDEMAIL on both doors, delivered through a real SMTP
 * server on 127.0.0.1 and read back with mailparser.
 */
describe('EMAIL and COMBINEDEMAIL: exports delivered by SMTP', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let t: TestHost;
  let first: Recording;
  let second: Recording;
  const exported = async (ident: number, format: string) =>
    (await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=export&requestid=1&uniquefield=ident&uniqueid=${ident}&media_format=${format}`)).body;
  const webApi = async (query: string) => (await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`)).body.toString();

  before(async () => {
    sink = await SmtpSink.start({ refuse: ['nobody@example.com'] });
    t = await startTestHost({ plugins: recorderPlugins(), email: { smtp: { host: '127.0.0.1', port: sink.port }, from: FROM } });
    const client = await t.client();
    first = await recordCall(t, client, { device: '7120', talks: [{ ssrc: 1, frequency: 1000 }, { ssrc: 2, frequency: 600 }], packets: 25, fields: { ANI: '5551234' } });
    second = await recordCall(t, client, { device: '7220', talks: [{ ssrc: 3, frequency: 800 }], packets: 15 });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('EMAIL over the XML API, as the manual\'s example: one recording attached as the file itself', async () => {
    const reply = await send(await t.client(), 'EMAIL', { IDENT: first.ident, TOADDRESS: 'jdoe@uptivity.com', MEDIA_FORMAT: 'wav' }, 14);
    assert.equal(xmlTag(reply, 'REQUESTTYPE'), 'EMAIL');
    assert.equal(xmlTag(reply, 'REQUESTID'), '14');
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const [message] = await sink.waitFor(1);
    assert.equal(message!.envelopeFrom, FROM);
    assert.deepEqual(message!.envelopeTo, ['jdoe@uptivity.com']);
    assert.equal(message!.mail.from?.value[0]?.address, FROM);
    assert.equal(message!.mail.subject, `Recording ${first.ident}`);
    assert.match(message!.mail.text ?? '', new RegExp(`IDENT ${first.ident}, device 7120, .*ANI 5551234`));
    const [attachment] = message!.mail.attachments;
    assert.equal(attachment?.filename, `${first.ident}.wav`);
    assert.equal(attachment?.contentType, 'audio/wav');
    assert.ok(attachment!.content.equals(await exported(first.ident, 'wav')), 'the attachment is the export, byte for byte');
    assert.ok(readWavBytes(attachment!.content).data.equals(readWavBytes(readFileSync(first.filename!)).data));
  });

  it('EMAIL over the WebAPI by the manual\'s URL with several IDENTs: a ZIP attachment of one file each', async () => {
    const before = sink.received.length;
    const reply = await webApi(`type=email&requestid=99&ident=${first.ident},${second.ident}&toaddress=test@test.com&media_format=mp3`);
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const message = (await sink.waitFor(before + 1))[before]!;
    assert.deepEqual(message.envelopeTo, ['test@test.com']);
    const [attachment] = message.mail.attachments;
    assert.equal(attachment?.contentType, 'application/zip');
    assert.equal(attachment?.filename, `recordings-${first.ident}-2.zip`);
    const entries = readZip(attachment!.content);
    assert.deepEqual(entries.map((e) => e.name), [`${first.ident}.mp3`, `${second.ident}.mp3`]);
    assert.equal(scanMp3(entries[0]!.data).decodedSamples, readWavBytes(readFileSync(first.filename!)).frames);
    assert.equal(scanMp3(entries[1]!.data).decodedSamples, readWavBytes(readFileSync(second.filename!)).frames);
  });

  it('COMBINEDEMAIL as the manual\'s example: one combined file, to and from the names given', async () => {
    const before = sink.received.length;
    const reply = await send(await t.client(), 'COMBINEDEMAIL', {
      TOADDRESS: 'jane.doe@uptivity.com', TONAME: 'jane', FROMADDRESS: 'jane.doe@uptivity.com', FROMNAME: 'jane',
      IDENT: `${second.ident},${first.ident}`, UNIQUEID: 'IDENT',
    });
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const message = (await sink.waitFor(before + 1))[before]!;
    assert.equal(message.envelopeFrom, FROM, 'the envelope keeps the configured sender');
    assert.deepEqual(message.mail.from?.value, [{ address: 'jane.doe@uptivity.com', name: 'jane' }]);
    assert.deepEqual(message.mail.to && !Array.isArray(message.mail.to) ? message.mail.to.value : undefined, [{ address: 'jane.doe@uptivity.com', name: 'jane' }]);
    assert.equal(message.mail.headers.get('sender') && (message.mail.headers.get('sender') as { value: { address: string }[] }).value[0]?.address, FROM);
    assert.equal(message.mail.subject, `Recordings ${first.ident}, ${second.ident} (combined)`);
    const [attachment] = message.mail.attachments;
    assert.equal(attachment?.filename, `combined-${first.ident}-2.mp3`, 'MP3 unless MEDIA_FORMAT says otherwise');
    const frames = [first, second].map((r) => readWavBytes(readFileSync(r.filename!)).frames);
    assert.equal(scanMp3(attachment!.content).decodedSamples, frames[0]! + frames[1]!);
    assert.ok(attachment!.content.equals(await (await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=combinedexport&requestid=1&ident=${first.ident},${second.ident}&media_format=mp3`)).body));
  });

  it('COMBINEDEMAIL looks IDENT values up in the column UNIQUEID names', async () => {
    const before = sink.received.length;
    const reply = await webApi(`type=combinedemail&requestid=3&toaddress=ops@example.com&ident=5551234&uniqueid=ani&media_format=wav`);
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const message = (await sink.waitFor(before + 1))[before]!;
    assert.equal(message.mail.attachments[0]?.filename, `combined-${first.ident}-1.wav`);
  });

  it('EMAIL takes UNIQUEFIELD and UNIQUEID in place of IDENT, as EXPORT does (the manual lists both for EMAIL)', async () => {
    const before = sink.received.length;
    const reply = await send(await t.client(), 'EMAIL', { UNIQUEFIELD: 'ani', UNIQUEID: '5551234', TOADDRESS: 'ops@example.com', MEDIA_FORMAT: 'vox' });
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const message = (await sink.waitFor(before + 1))[before]!;
    assert.equal(message.mail.attachments[0]?.filename, `${first.ident}.vox`);
    assert.ok(message.mail.attachments[0]!.content.equals(await exported(first.ident, 'vox')));
  });

  it('answers API_EMAIL_NOT_VALID for a malformed address and for one the mail server refuses', async () => {
    const client = await t.client();
    for (const address of ['not-an-address', 'a@b', 'x@example.com\r\nBcc: evil@example.com', 'two@@example.com']) {
      const reply = await send(client, 'EMAIL', { IDENT: first.ident, TOADDRESS: address, MEDIA_FORMAT: 'wav' });
      assert.equal(xmlTag(reply, 'RESULTCODE'), '45', address);
    }
    const refused = await send(client, 'EMAIL', { IDENT: first.ident, TOADDRESS: 'nobody@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(refused, 'RESULTTYPE'), 'API_EMAIL_NOT_VALID');
    assert.match(xmlTag(refused, 'RESULTMSG')!, /refused nobody@example\.com/);
    const from = await send(client, 'COMBINEDEMAIL', { IDENT: first.ident, TOADDRESS: 'ok@example.com', FROMADDRESS: 'bad address' });
    assert.equal(xmlTag(from, 'RESULTCODE'), '45');
  });

  it('answers API_FILE_NOT_FOUND and API_INVALID_MESSAGE_FORMAT as the manual lists', async () => {
    const client = await t.client();
    const missing = await send(client, 'EMAIL', { IDENT: `${first.ident},424242`, TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(missing, 'RESULTCODE'), '41');
    assert.equal(xmlTag(missing, 'RESULTMSG'), 'no recording with IDENT 424242');
    for (const [params, message] of [
      [{ TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'wav' }, 'EMAIL needs IDENT'],
      [{ IDENT: first.ident, MEDIA_FORMAT: 'wav' }, 'EMAIL needs TOADDRESS'],
      [{ IDENT: first.ident, TOADDRESS: 'jdoe@example.com' }, 'EMAIL needs MEDIA_FORMAT (wav, mp3, vox, cav)'],
      [{ IDENT: first.ident, TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'aac' }, "MEDIA_FORMAT 'aac' is not one of wav, mp3, vox, cav"],
    ] as const) {
      const reply = await send(client, 'EMAIL', params);
      assert.equal(xmlTag(reply, 'RESULTCODE'), '16', message);
      assert.equal(xmlTag(reply, 'RESULTMSG'), message);
    }
    const column = await send(client, 'COMBINEDEMAIL', { IDENT: first.ident, TOADDRESS: 'jdoe@example.com', UNIQUEID: 'colour' });
    assert.equal(xmlTag(column, 'RESULTCODE'), '16');
  });

  it('writes every email to the audit log: who, what, outcome, when and from where', async () => {
    const entries = await storageOf(t).audit.list({ action: 'EMAIL' });
    const details = entries.map((e) => e.detail);
    assert.ok(details.includes(`IDENT=${first.ident} MEDIA_FORMAT=wav TOADDRESS=jdoe@uptivity.com: API_OK`), details.join('\n'));
    assert.ok(details.some((d) => d?.startsWith(`IDENT=${first.ident},424242 MEDIA_FORMAT=wav TOADDRESS=jdoe@example.com: API_FILE_NOT_FOUND`)));
    assert.ok(entries.every((e) => e.who === null && /^127\.0\.0\.1:\d+$/.test(e.remote_address ?? '') && e.at > first.start_time));
    const combined = await storageOf(t).audit.list({ action: 'COMBINEDEMAIL' });
    assert.ok(combined.some((e) => e.detail === `IDENT=${second.ident},${first.ident} UNIQUEID=IDENT TOADDRESS=jane.doe@uptivity.com FROMADDRESS=jane.doe@uptivity.com: API_OK`));
  });

  it('answers API_ERROR_CLIENT_NOT_FOUND when the mail server cannot be reached', async () => {
    await sink.close();
    const reply = await send(await t.client(), 'EMAIL', { IDENT: first.ident, TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(reply, 'RESULTCODE'), '31');
    assert.match(xmlTag(reply, 'RESULTMSG')!, /^the mail server could not be used: /);
  });
});

describe('EMAIL without a mail server in the config', function () {
  this.timeout(20_000);
  let t: TestHost;
  before(async () => (t = await startTestHost()));
  after(() => t?.close());

  it('answers API_ERROR_CLIENT_NOT_FOUND ("not configured") on both doors', async () => {
    const reply = await send(await t.client(), 'EMAIL', { IDENT: 1, TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(reply, 'RESULTCODE'), '31');
    assert.equal(xmlTag(reply, 'RESULTMSG'), 'no email server is configured (config email.smtp)');
    const web = (await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=combinedemail&requestid=2&ident=1&toaddress=jdoe@example.com`)).body.toString();
    assert.equal(xmlTag(web, 'RESULTCODE'), '31');
  });
});
