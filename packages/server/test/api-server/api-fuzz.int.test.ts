import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { HalfOpenClient } from './process-probe.js';

/**
 * Property: whatever bytes a client sends, split however, through the framer
 * and the dispatcher of a real host over a real socket,
 * - every reply is well-formed XML 1.0, with no character outside its Char
 *   production;
 * - every complete document gets exactly one reply (counted up to a TEST
 *   sent after them: its reply must come at exactly that position);
 * - everything sent is answered before the server ends the connection the
 *   client half-closed;
 * - the heap is the same size after as before.
 *
 * Runs for about 20 s (fewer cases on a slower machine: the cases are always
 * the same sequence, from a fixed seed; CALLWIRE_FUZZ_SEED picks another).
 */
const LIMIT = 4096;
const TIME_LIMIT_MS = 18000;
const SEED = Number(process.env['CALLWIRE_FUZZ_SEED'] ?? 20260514);
const SENTINEL_ID = '2147483647';
const SENTINEL = `<REQUEST><TYPE>TEST</TYPE><REQUESTID>${SENTINEL_ID}</REQUESTID></REQUEST>\r\n`;
/** Characters outside XML 1.0's Char production. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

// ---- documents -------------------------------------------------------------

const pieceOfText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'Z', '0', '7', ' ', '  x  ', 'Sales & Marketing', '>', '"', "'", ']]>', '-->', '\r\n', '\t', 'é', '😀', '\u00A0') },
  { weight: 2, arbitrary: fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&#65;', '&#x263A;', '&bogus;', '&', '&#', '&#60;REQUEST&#62;') },
  // what XML 1.0 cannot carry: as character references, and raw
  { weight: 2, arbitrary: fc.constantFrom('&#1;', '&#x1F;', '&#0;', '&#11;', '&#65534;', '&#xFFFE;', '&#xFFFF;', '&#xD800;', '&#1114111;', '&#99999999;', '&#x110000;') },
  { weight: 2, arbitrary: fc.constantFrom('\x0B', '\x01', '\x00', '\x1F', '\x7F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u0085') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
/** Element text: anything but `<`, which would be markup. */
const text = fc.array(pieceOfText, { maxLength: 10 }).map((pieces) => pieces.join('').replace(/</g, '&lt;'));

const fieldName = fc.constantFrom('DEVICEID', 'ANI', 'DNIS', 'USER1', 'USER2', 'USER15', 'DEVICEALIAS', 'GROUP', 'CALLDIRECTION', 'CALLCOUNT', 'EVENTCLASS', 'REQUESTTYPE', 'deviceid', 'X_Y.Z');
const requestType = fc.constantFrom('TEST', 'DEVICESTATUS', 'CALLSTART', 'CALLSTOP', 'CALLUPDATE', 'CHANNELS', 'NOPE', 'IMPORTAGENT', 'test', ' CALLSTART ', '');
const deviceId = fc.oneof(fc.integer({ min: 3000, max: 3020 }).map(String), text);

interface Document {
  readonly text: string;
  /** The document is a REQUEST (root named like the next one), so a cut-short copy of it is answered at the next `<REQUEST`. */
  readonly rooted: boolean;
}

const requestDocument: fc.Arbitrary<Document> = fc
  .record({
    type: requestType,
    id: fc.oneof(fc.nat(2147483646).map(String), text),
    device: deviceId,
    fields: fc.array(fc.tuple(fieldName, text), { maxLength: 6 }),
    separator: fc.constantFrom('', '\r\n', '\n\t', '  '),
    duplicate: fc.nat(),
    oversize: fc.integer({ min: 0, max: 15 }),
  })
  .map(({ type, id, device, fields, separator, duplicate, oversize }) => {
    const elements = [`<TYPE>${type}</TYPE>`, `<REQUESTID>${id}</REQUESTID>`, `<DEVICEID>${device}</DEVICEID>`, ...fields.map(([name, value]) => `<${name}>${value}</${name}>`)];
    if (duplicate % 3 === 0) elements.splice(duplicate % elements.length, 0, elements[duplicate % elements.length]!);
    if (oversize === 0) elements.push(`<USER4>${'x'.repeat(LIMIT + 100)}</USER4>`);
    return { text: `<REQUEST>${separator}${elements.join(separator)}${separator}</REQUEST>\r\n`, rooted: true };
  });

/** The manual's other form: the root names the function. */
const rootTypedDocument: fc.Arbitrary<Document> = fc
  .record({ type: fc.constantFrom('TEST', 'DEVICESTATUS', 'CALLSTOP'), id: fc.nat(1000), device: deviceId, declaration: fc.boolean() })
  .map(({ type, id, device, declaration }) => ({
    text: `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\r\n' : ''}<${type}><REQUESTID>${id}</REQUESTID><DEVICEID>${device}</DEVICEID></${type}>\r\n`,
    rooted: false,
  }));

const document = fc.oneof({ weight: 4, arbitrary: requestDocument }, { weight: 1, arbitrary: rootTypedDocument });

/**
 * A part of the stream whose replies can be counted: a whole document (one
 * reply), or a REQUEST cut short anywhere followed by a whole one (two: the
 * cut one is answered when the next `<` shows it was cut).
 */
const segment = fc.oneof(
  { weight: 3, arbitrary: document.map((doc) => ({ bytes: Buffer.from(doc.text, 'utf8'), replies: 1 })) },
  {
    weight: 1,
    arbitrary: fc.tuple(requestDocument, fc.double({ min: 0, max: 1, noNaN: true }), requestDocument).map(([cut, at, next]) => {
      const bytes = Buffer.from(cut.text, 'utf8');
      const prefix = bytes.subarray(0, 1 + Math.floor(at * (bytes.length - 1)));
      return { bytes: Buffer.concat([prefix, Buffer.from(next.text, 'utf8')]), replies: 2 };
    }),
  },
);

/** What may follow the counted part: anything at all. */
const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'insert', 'delete', 'repeat'), byte: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 40 }) });
const tail = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.tuple(document, fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([doc, mutations]) => {
    let bytes = Buffer.from(doc.text, 'utf8');
    for (const { at, kind, byte, length } of mutations) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'flip') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i + 1)]);
      else if (kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]);
      else if (kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + length)]);
      else bytes = Buffer.concat([bytes.subarray(0, i + length), bytes.subarray(i, i + length), bytes.subarray(i + length)]);
    }
    return bytes;
  }),
);

const scenario = fc.record({
  segments: fc.array(segment, { minLength: 1, maxLength: 8 }),
  tail,
  /** Where the byte stream is cut into writes. */
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
});

// ---- the property ----------------------------------------------------------

function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    parts.push(bytes.subarray(from, point));
    from = point;
  }
  return parts;
}

function assertWellFormed(reply: string): void {
  const valid = XMLValidator.validate(reply);
  assert.equal(valid, true, `not well-formed XML (${JSON.stringify(valid)}): ${JSON.stringify(reply)}`);
  const illegal = NOT_XML_CHAR.exec(reply);
  assert.equal(illegal, null, `U+${illegal?.[0].codePointAt(0)?.toString(16).toUpperCase()} is not an XML 1.0 character: ${JSON.stringify(reply)}`);
}

/** The V8 garbage collector, to compare the heap before and after (flag set at run time: mocha starts node without it). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('XML API fuzzing: random and mutated documents, split at random, over a real socket to a real host', function () {
  this.timeout(TIME_LIMIT_MS + 40000);
  let host: TestHost;
  let gc: () => void;

  before(async () => {
    host = await startTestHost({ server: { api: { maxMessageBytes: LIMIT } } });
    host.addCore(new InTestRecorder(1, 64));
    gc = collector();
  });
  after(() => host.close());

  it('answers every document exactly once with well-formed XML, whatever else comes, and holds nothing after', async () => {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ segments, tail: garbage, cuts }) => {
        cases++;
        const counted = Buffer.concat(segments.map((s) => s.bytes));
        const expected = segments.reduce((sum, s) => sum + s.replies, 0);
        const client = await HalfOpenClient.open(host.apiPort);
        try {
          client.socket.setNoDelay(true);
          for (const part of splitAt(Buffer.concat([counted, Buffer.from(SENTINEL), garbage]), cuts)) {
            await new Promise<void>((resolve, reject) => client.socket.write(part, (err) => (err ? reject(err) : resolve())));
          }
          client.end();
          await client.waitEnded(20000);
          assert.equal(client.error, undefined);
          const replies = client.replies();
          assert.equal(client.text.endsWith('\r\n') || client.text === '', true, 'the last reply is whole');
          for (const reply of replies) assertWellFormed(reply);
          const sentinel = replies.findIndex((r) => tag(r, 'REQUESTID') === SENTINEL_ID);
          assert.equal(sentinel, expected, `the TEST after ${segments.length} segments came back as reply ${sentinel}, expected ${expected}:\n${replies.slice(0, expected + 1).join('\n')}`);
          assert.equal(tag(replies[sentinel]!, 'RESULTCODE'), '20');
        } finally {
          client.destroy();
        }
      }),
      { seed: SEED, numRuns: 100_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true },
    );
    assert.ok(cases >= 20, `only ${cases} cases ran`);
    gc();
    const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    assert.ok(grown < 32, `the heap grew by ${grown.toFixed(1)} MiB over ${cases} cases`);
  });
});
