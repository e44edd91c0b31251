import assert from 'node:assert/strict';
import type { Recording } from '@callwire/core';
import { download, xmlTag } from '../export/support/download.js';
import { recordCall, recorderPlugins } from '../export/support/recorded-calls.js';
import { SmtpSink } from '../export/support/smtp-sink.js';
import { CapturedLog, LEVEL } from '../support/captured-log.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';

const PASSWORD = 'Sm7p-Pa55word';

/**
 * What an operator reads about recordings leaving the system: one info line
 * per export and per mail, and the mail server's refusals as warn/error
 * lines — through a real host, real recordings and a real SMTP server.
 */
describe('operator log: exports, mails and SMTP failures', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let t: TestHost;
  let log: CapturedLog;
  let first: Recording;
  let second: Recording;
  let loginAccepted = true;

  before(async () => {
    sink = await SmtpSink.start({ refuse: ['nobody@example.com'], acceptLogin: () => loginAccepted });
    log = new CapturedLog('info');
    t = await startTestHost(
      { plugins: recorderPlugins(), email: { smtp: { host: '127.0.0.1', port: sink.port, auth: { user: 'callwire', pass: PASSWORD } }, from: 'recorder@example.com' } },
      { logger: log.logger },
    );
    const client = await t.client();
    first = await recordCall(t, client, { device: '7130', talks: [{ ssrc: 1, frequency: 1000 }], packets: 25 });
    second = await recordCall(t, client, { device: '7230', talks: [{ ssrc: 2, frequency: 700 }], packets: 15 });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('EXPORT over the WebAPI: one line with the ident, format, the bytes sent and the time taken', async () => {
    const got = await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=export&requestid=1&uniquefield=ident&uniqueid=${first.ident}&media_format=mp3`);
    assert.equal(got.headers['content-type'], 'audio/mpeg');
    const line = await log.line(new RegExp(`^EXPORT of recording ${first.ident} as mp3 sent`));
    assert.equal(line.level, LEVEL.info);
    assert.deepEqual(line['idents'], [first.ident]);
    assert.equal(line['format'], 'mp3');
    assert.equal(line['bytes'], got.body.length);
    assert.equal(typeof line['ms'], 'number');
    assert.equal(line['audioSeconds'], first.duration);
    assert.match(String(line['from']), /^127\.0\.0\.1:\d+$/);
  });

  it('MULTIEXPORT names every ident of the ZIP', async () => {
    const got = await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=multiexport&requestid=2&ident=${first.ident},${second.ident}&media_format=wav`);
    assert.equal(got.headers['content-type'], 'application/zip');
    const line = await log.line(new RegExp(`^MULTIEXPORT of recordings ${first.ident},${second.ident} as wav sent`));
    assert.deepEqual(line['idents'], [first.ident, second.ident]);
    assert.equal(line['bytes'], got.body.length);
  });

  it('EMAIL: one line once the mail server took it, with the recipient count and the attachment bytes', async () => {
    const before = sink.received.length;
    const reply = await send(await t.client(), 'EMAIL', { IDENT: second.ident, TOADDRESS: 'a@example.com,b@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_OK', reply);
    const message = (await sink.waitFor(before + 1))[before]!;
    const line = await log.line(new RegExp(`^EMAIL of recording ${second.ident} as wav mailed to 2 recipients`));
    assert.equal(line.level, LEVEL.info);
    assert.equal(line['recipients'], 2);
    assert.equal(line['bytes'], message.mail.attachments[0]!.size);
  });

  it('a recipient the SMTP server refuses: a warn line with its reply and the recipient count', async () => {
    const reply = await send(await t.client(), 'EMAIL', { IDENT: first.ident, TOADDRESS: 'nobody@example.com', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_EMAIL_NOT_VALID', reply);
    const line = await log.line(/^mail not delivered to every recipient/);
    assert.equal(line.level, LEVEL.warn);
    assert.equal(line['recipients'], 1);
    assert.equal(line['smtp'], `127.0.0.1:${sink.port}`);
    assert.match(String(line['response']), /^550 /);
    assert.equal(log.matching(/^EMAIL of recording/).filter((l) => (l['idents'] as number[]).includes(first.ident)).length, 0, 'no "mailed" line for a mail not sent');
  });

  it('a login the SMTP server refuses: an error line with its 535 reply, never the password', async () => {
    loginAccepted = false;
    try {
      const reply = await send(await t.client(), 'EMAIL', { IDENT: first.ident, TOADDRESS: 'jdoe@example.com', MEDIA_FORMAT: 'wav' });
      assert.equal(xmlTag(reply, 'RESULTTYPE'), 'API_ERROR_CLIENT_NOT_FOUND', reply);
    } finally {
      loginAccepted = true;
    }
    const line = await log.line(/^mail not sent/);
    assert.equal(line.level, LEVEL.error);
    assert.equal(line['recipients'], 1);
    assert.equal(line['responseCode'], 535);
    assert.match(String(line['response']), /535/);
    const everything = JSON.stringify(log.lines);
    assert.ok(!everything.includes(PASSWORD), 'the SMTP password is never logged');
    assert.ok(!everything.includes(Buffer.from(PASSWORD).toString('base64')), 'not even base64-encoded');
  });
});
