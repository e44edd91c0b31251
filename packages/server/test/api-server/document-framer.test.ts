import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentFramer, type Frame } from '../../src/api-server/document-framer.js';

const LIMIT = 4096;
const TEST = '<REQUEST><TYPE>TEST</TYPE><REQUESTID>1</REQUESTID></REQUEST>\r\n';

/** Feeds `parts` (strings or a generator of chunks) and returns every frame, checking what the framer holds after each chunk. */
function feed(framer: DocumentFramer, parts: Iterable<string | Buffer>, maxHeld = 3 * LIMIT): Frame[] {
  const frames: Frame[] = [];
  for (const part of parts) {
    frames.push(...framer.push(typeof part === 'string' ? Buffer.from(part, 'latin1') : part));
    assert.ok(framer.heldBytes <= maxHeld, `the framer holds ${framer.heldBytes} bytes, more than ${maxHeld}`);
  }
  return frames;
}

function* repeat(text: string, bytes: number, chunk = 65536): Generator<Buffer> {
  const block = Buffer.from(text.repeat(Math.ceil(chunk / text.length)), 'latin1');
  for (let sent = 0; sent < bytes; sent += block.length) yield block;
}

const kinds = (frames: Frame[]) => frames.map((f) => ('document' in f ? 'doc' : `error: ${f.error}`));

describe('DocumentFramer limits', () => {
  const OVER = `message exceeds the limit of ${LIMIT} bytes`;
  const DEEP = 'elements nested deeper than 128';
  const attacks: { name: string; head: string; filler: string; resync: string; error?: string }[] = [
    { name: 'a start tag name that never ends', head: '<', filler: 'A', resync: '>\r\n' },
    { name: 'an end tag name that never ends', head: '<R></', filler: 'A', resync: '></R>\r\n' },
    { name: 'start tags that never close', head: '<R>', filler: '<A>', resync: '</R>\r\n', error: DEEP },
    { name: 'distinct start tags that never close', head: '<R>', filler: '<A1><B22><C333>', resync: '</R>\r\n', error: DEEP },
    { name: 'a comment that never ends', head: '<R><!--', filler: 'x-', resync: '--></R>\r\n' },
    { name: 'a CDATA section that never ends', head: '<R><![CDATA[', filler: 'x]', resync: ']]></R>\r\n' },
    { name: 'a processing instruction that never ends', head: '<?pi ', filler: 'x?', resync: '?>\r\n' },
    { name: 'an attribute value that never ends', head: '<R a="', filler: 'x', resync: '"></R>\r\n' },
    { name: 'text that never ends', head: '<REQUEST><TYPE>', filler: 'TEST', resync: '</TYPE></REQUEST>\r\n' },
  ];
  for (const { name, head, filler, resync, error = OVER } of attacks) {
    it(`${name}: answered once at the limit, nothing kept past it, framing resumes after it`, () => {
      const framer = new DocumentFramer(LIMIT);
      const frames = feed(framer, [head, ...repeat(filler, 8 * 1024 * 1024), resync, TEST]);
      assert.deepEqual(kinds(frames), [`error: ${error}`, 'doc']);
      assert.equal(framer.pending, false);
      assert.equal(framer.heldBytes, 0);
    });
  }

  it('holds no more than the limit while a long name arrives a byte at a time', () => {
    const framer = new DocumentFramer(LIMIT);
    const bytes = ['<', ...Array.from({ length: 3 * LIMIT }, () => 'N')];
    assert.deepEqual(kinds(feed(framer, bytes)), [`error: message exceeds the limit of ${LIMIT} bytes`]);
  });

  it('refuses elements nested deeper than its depth limit, once, and resumes at the root end tag', () => {
    const framer = new DocumentFramer(65536, 16);
    const frames = feed(framer, ['<REQUEST>', '<A>'.repeat(40), '</A>'.repeat(40), '</REQUEST>\r\n', TEST], 3 * 65536);
    assert.deepEqual(kinds(frames), ['error: elements nested deeper than 16', 'doc']);
  });

  it('a document over the limit ends where a start tag like its root begins the next one', () => {
    const framer = new DocumentFramer(LIMIT);
    const frames = feed(framer, ['<REQUEST><USER1>', 'x'.repeat(2 * LIMIT), TEST]);
    assert.deepEqual(kinds(frames), [`error: message exceeds the limit of ${LIMIT} bytes`, 'doc']);
  });

  it('when the root name itself is over the limit, the document ends at the end of its line', () => {
    const framer = new DocumentFramer(LIMIT);
    const frames = feed(framer, ['<', 'R'.repeat(2 * LIMIT), '><REQUEST><TYPE>TEST</TYPE></REQUEST> skipped\r\n', TEST]);
    assert.deepEqual(kinds(frames), [`error: message exceeds the limit of ${LIMIT} bytes`, 'doc']);
  });

  it('a document of exactly the limit is accepted', () => {
    const framer = new DocumentFramer(LIMIT);
    const open = '<REQUEST><TYPE>TEST</TYPE><USER1>';
    const close = '</USER1></REQUEST>';
    const document = open + 'x'.repeat(LIMIT - open.length - close.length) + close;
    assert.equal(Buffer.byteLength(document), LIMIT);
    assert.deepEqual(feed(framer, [document.slice(0, 100), document.slice(100)]), [{ document }]);
    assert.deepEqual(kinds(feed(framer, [document.replace('<USER1>', '<USER1>y')])), [`error: message exceeds the limit of ${LIMIT} bytes`]);
  });
});

describe('DocumentFramer resynchronisation', () => {
  it("a '<' inside a tag ends the document cut short there, and the next one is framed", () => {
    for (const cut of ['<', '<REQ', '<REQUEST><TY', '<REQUEST><TYPE>TEST</TY', '<REQUEST><TYPE>TEST</TYPE></REQUE', '<REQUEST a="x']) {
      const frames = feed(new DocumentFramer(LIMIT), [cut, TEST]);
      assert.equal(frames.length, 2, `${cut}: ${JSON.stringify(frames)}`);
      assert.match(('error' in frames[0]! && frames[0].error) || '', /cut short/, cut);
      assert.deepEqual(frames[1], { document: TEST.trimEnd() });
    }
  });

  it('a document cut short inside its text ends at the next root start tag (as before)', () => {
    const frames = feed(new DocumentFramer(LIMIT), ['<REQUEST><TYPE>TE', TEST]);
    assert.deepEqual(kinds(frames), ['error: <REQUEST> was not closed before the next <REQUEST> began', 'doc']);
  });

  it('end(): a document in progress when the stream ends is answered as cut short; nothing when between documents', () => {
    const framer = new DocumentFramer(LIMIT);
    assert.deepEqual(kinds(feed(framer, [TEST, '<REQUEST><TYPE>TEST'])), ['doc']);
    assert.deepEqual(kinds(framer.end()), ['error: malformed XML: the stream ended before the document did']);
    assert.deepEqual(framer.end(), []);
    feed(framer, ['hello']);
    assert.deepEqual(kinds(framer.end()), [`error: text outside of any element; expected an XML document such as <REQUEST>…</REQUEST>`]);
    feed(framer, ['<R>', 'x'.repeat(2 * LIMIT)]);
    assert.deepEqual(framer.end(), [], 'a document over the limit was answered already');
  });

  it('keeps the framing of prolog items, comments and CDATA inside documents', () => {
    const framer = new DocumentFramer(LIMIT);
    const doc = '<REQUEST><!-- </REQUEST> --><TYPE><![CDATA[</TYPE>]]></TYPE><REQUESTID>1</REQUESTID></REQUEST>';
    const frames = feed(framer, ['<?xml version="1.0"?>\r\n<!DOCTYPE x>\r\n<!-- <REQUEST> -->', doc, '\r\n']);
    assert.deepEqual(frames, [{ document: doc }]);
  });
});

describe('DocumentFramer memory', () => {
  it('a tag name that arrives a byte per packet costs about its length, not a string rope many times that', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const NAME = 60_000;
    const framers = Array.from({ length: 40 }, () => new DocumentFramer(65536));
    const bytes = Array.from({ length: 256 }, (_, i) => Buffer.from([0x41 + (i % 26)]));
    gc();
    const before = process.memoryUsage();
    for (const framer of framers) {
      framer.push(Buffer.from('<REQUEST><'));
      for (let i = 0; i < NAME; i++) framer.push(bytes[i % 256]!);
    }
    gc();
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    // 40 names of 60 kB held as bytes are about 5 MB with the document bytes; as ropes they were well over 50 MB
    assert.ok(grown < 20 * 1024 * 1024, `40 framers holding a 60 kB name each grew the heap by ${(grown / 1048576).toFixed(1)} MiB`);
    const expected = `<REQUEST><${framerName(NAME)}></REQUEST>`;
    for (const framer of framers) assert.deepEqual(framer.push(Buffer.from('></REQUEST>')), [{ document: expected }]);
  });
});

function framerName(length: number): string {
  let name = '';
  for (let i = 0; i < length; i++) name += String.fromCharCode(0x41 + ((i % 256) % 26));
  return name;
}
