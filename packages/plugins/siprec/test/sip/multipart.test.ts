import { strict as assert } from 'node:assert';
import { SipParseError, splitMultipart } from '../../src/sip/index.js';

const body = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));

describe('sip/splitMultipart', () => {
  it('splits by a quoted boundary, ignoring preamble and epilogue', () => {
    const parts = splitMultipart(
      'multipart/mixed; boundary="a b:c"',
      body('preamble text\n--a b:c\nContent-Type: application/sdp\n\nv=0\n\n--a b:c \nContent-Type: application/rs-metadata+xml; charset=utf-8\nContent-Disposition: recording-session\n\n<recording/>\n--a b:c--\nepilogue\n'),
    );
    assert.deepEqual(parts.map((p) => p.contentType), ['application/sdp', 'application/rs-metadata+xml']);
    assert.equal(parts[0]!.body.toString(), 'v=0\r\n');
    assert.equal(parts[1]!.body.toString(), '<recording/>');
    assert.equal(parts[1]!.headers.get('content-disposition'), 'recording-session');
  });

  it('ends the last part at the end of the body when the close-delimiter is missing', () => {
    const parts = splitMultipart('multipart/mixed;boundary=X', body('--X\nContent-Type: application/sdp\n\nv=0\n--X\nContent-Type: application/rs-metadata+xml\n\n<recording/>\n'));
    assert.equal(parts.length, 2);
    assert.equal(parts[1]!.body.toString(), '<recording/>\r\n');
  });

  it('does not take a longer boundary or one inside a line for a delimiter', () => {
    const parts = splitMultipart('multipart/mixed;boundary=X', body('--X\nContent-Type: text/plain\n\nsee --X here\n--XY\n--X--\n'));
    assert.equal(parts.length, 1);
    assert.equal(parts[0]!.body.toString(), 'see --X here\r\n--XY');
  });

  it('gives a part without headers the default type text/plain', () => {
    const parts = splitMultipart('multipart/mixed;boundary=X', body('--X\n\nhello\n--X--'));
    assert.equal(parts[0]!.contentType, 'text/plain');
    assert.equal(parts[0]!.body.toString(), 'hello');
  });

  const broken: [string, string, string, RegExp][] = [
    ['a Content-Type that is not multipart', 'application/sdp', '--X\n\nv=0\n', /is not multipart/],
    ['no boundary parameter', 'multipart/mixed', '--X\n\nv=0\n', /has no boundary parameter/],
    ['a boundary that never appears', 'multipart/mixed;boundary=Y', '--X\n\nv=0\n--X--\n', /no delimiter "--Y"/],
    ['only a close-delimiter', 'multipart/mixed;boundary=X', '--X--\n', /has no parts/],
    ['a part with no blank line after its headers', 'multipart/mixed;boundary=X', '--X\nContent-Type: application/sdp\n--X--\n', /part 1 has no blank line/],
    ['a part with a bad header line', 'multipart/mixed;boundary=X', '--X\nnot a header\n\nv=0\n--X--\n', /multipart part 1: bad header line "not a header"/],
  ];
  for (const [title, type, text, message] of broken) {
    it(`rejects ${title} with a SipParseError`, () => {
      assert.throws(() => splitMultipart(type, body(text)), (error: unknown) => error instanceof SipParseError && message.test(error.message));
    });
  }
});
