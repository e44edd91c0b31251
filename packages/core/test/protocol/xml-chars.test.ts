import 'reflect-metadata';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { Container } from 'inversify';
import { pino } from 'pino';
import type { ApiSession } from '../../src/commands/api-command.js';
import { ApiDispatcher, type ApiReply } from '../../src/commands/api-dispatcher.js';
import { commandsModule } from '../../src/commands/commands-module.js';
import { PublishedEvent } from '../../src/events/published-event.js';
import { ApiRequest } from '../../src/protocol/api-request.js';
import { ApiTimeFormat } from '../../src/protocol/api-time.js';
import { apiOk, apiResult } from '../../src/protocol/api-result.js';
import { buildDocument, buildResult, escapeText } from '../../src/protocol/build-result.js';
import { FIELD_LIMITS } from '../../src/protocol/field-limits.js';
import { parseRequest } from '../../src/protocol/parse-request.js';
import { validateFields } from '../../src/protocol/validate-fields.js';
import { codePointLabel, firstIllegalXmlChar, replaceIllegalXmlChars, XML_REPLACEMENT } from '../../src/protocol/xml-chars.js';
import { TOKENS } from '../../src/tokens.js';

/** XML 1.0's Char production, written independently of the code under test. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** The code points of a string, a lone surrogate counting as its own code point. */
function codePoints(text: string): number[] {
  return [...text].map((c) => c.codePointAt(0)!);
}

function assertWellFormed(xml: string): void {
  assert.equal(XMLValidator.validate(xml), true, `not well-formed: ${JSON.stringify(xml)}`);
  const bad = codePoints(xml).find((cp) => !isXmlChar(cp));
  assert.equal(bad, undefined, `holds ${bad === undefined ? '' : codePointLabel(bad)}: ${JSON.stringify(xml)}`);
}

/** One of each kind XML 1.0 forbids. */
const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['\u0000', 'U+0000'], ['\u0001', 'U+0001'], ['\u0008', 'U+0008'], ['\u000B', 'U+000B'], ['\u000C', 'U+000C'],
  ['\u000E', 'U+000E'], ['\u001F', 'U+001F'], ['\uFFFE', 'U+FFFE'], ['\uFFFF', 'U+FFFF'],
  ['\uD800', 'U+D800'], ['\uDBFF', 'U+DBFF'], ['\uDC00', 'U+DC00'], ['\uDFFF', 'U+DFFF'],
];

/** The edges of what it allows. */
const ALLOWED = ['\t', '\n', '\r', ' ', '~', '\u007F', '\u0085', '\uD7FF', '\uE000', '\uFFFD', '\u{10000}', '\u{1F600}', '\u{10FFFF}'];

describe('XML 1.0 characters', () => {
  describe('escapeText', () => {
    it('writes U+FFFD for each character XML 1.0 forbids, at the start, middle and end of the text', () => {
      for (const [c, label] of FORBIDDEN) {
        assert.equal(escapeText(`${c}a${c}b${c}`), '\uFFFDa\uFFFDb\uFFFD', label);
      }
    });

    it('leaves every allowed character as it is, surrogate pairs included', () => {
      for (const c of ALLOWED) assert.equal(escapeText(`a${c}b`), `a${c}b`, codePointLabel(c.codePointAt(0)!));
    });

    it('returns the very same string when there is nothing to do', () => {
      const text = 'Gold Level 6145551212 Ünïcödé \u{1F600}';
      assert.equal(escapeText(text), text);
    });

    it('still escapes markup, alongside replacements', () => {
      assert.equal(escapeText(`a&b<c>d"e'f\u0001g`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f\uFFFDg');
    });

    it('tells a lone or reversed surrogate from a pair', () => {
      assert.equal(escapeText('\uD83D\uDE00'), '\u{1F600}');
      assert.equal(escapeText('\uDE00\uD83D'), '\uFFFD\uFFFD');
      assert.equal(escapeText('x\uD83D'), 'x\uFFFD');
      assert.equal(escapeText('\uDE00x'), '\uFFFDx');
      assert.equal(escapeText('\uD83D\uD83D\uDE00'), '\uFFFD\u{1F600}');
    });

    it('matches the Char production for every UTF-16 code unit, alone and between letters', () => {
      for (let unit = 0; unit <= 0xffff; unit++) {
        const c = String.fromCharCode(unit);
        const legal = isXmlChar(unit) && (unit < 0xd800 || unit > 0xdfff);
        const expected = legal ? ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' } as Record<string, string>)[c] ?? c : XML_REPLACEMENT;
        assert.equal(escapeText(c), expected, codePointLabel(unit));
        assert.equal(escapeText(`a${c}b`), `a${expected}b`, codePointLabel(unit));
      }
    });
  });

  describe('firstIllegalXmlChar and replaceIllegalXmlChars', () => {
    it('name the first forbidden code point, and replace them all', () => {
      assert.equal(firstIllegalXmlChar('abc'), undefined);
      assert.equal(firstIllegalXmlChar('\u{1F600}'), undefined);
      assert.equal(firstIllegalXmlChar('a\u000Bb\u0001'), 0x0b);
      assert.equal(firstIllegalXmlChar('a\uD800'), 0xd800);
      assert.equal(replaceIllegalXmlChars('a\u000Bb\uFFFF\u{1F600}'), 'a\uFFFDb\uFFFD\u{1F600}');
      assert.equal(codePointLabel(1), 'U+0001');
      assert.equal(codePointLabel(0x1f600), 'U+1F600');
    });

    it('give the same answer when called again (no regex state is left behind)', () => {
      for (let i = 0; i < 3; i++) {
        assert.equal(firstIllegalXmlChar('ab\u0001'), 1);
        assert.equal(firstIllegalXmlChar('\u0002'), 2);
      }
    });
  });

  describe('buildResult and buildDocument', () => {
    it('write a well-formed document whatever the echoed REQUESTTYPE, REQUESTID, RESULTMSG and data hold', () => {
      for (const [c, label] of FORBIDDEN) {
        const xml = buildResult(`CALL${c}START`, `1${c}`, apiResult('API_PARAMETERS_INVALID', `ANI holds ${c}`, {
          COUNT: 1, DEVICE: [{ ANI: `614${c}555`, USER1: `Gold${c}` }], NAME: c,
        }));
        assertWellFormed(xml);
        assert.match(xml, /<REQUESTTYPE>CALL\uFFFDSTART<\/REQUESTTYPE>/, label);
        assert.match(xml, /<ANI>614\uFFFD555<\/ANI>/, label);
      }
    });

    it('keep what is legal exactly, and write a body key that is no XML name as one', () => {
      const xml = buildDocument('ROOT', { ANI: 'tab\there & \u{1F600}', 'BAD NAME': 'x', '1ST': 'y', 'A\u0001B': 'z', '': 'w' });
      assertWellFormed(xml);
      assert.equal(
        xml,
        '<ROOT>\n\t<ANI>tab\there &amp; \u{1F600}</ANI>\n\t<BAD_NAME>x</BAD_NAME>\n\t<_1ST>y</_1ST>\n\t<A_B>z</A_B>\n\t<_>w</_>\n</ROOT>',
      );
    });
  });

  describe('requests', () => {
    it('ApiRequest names each parameter whose name or value holds one, and the character, in messages that hold none', () => {
      const request = ApiRequest.fromFields([
        ['TYPE', 'CALLSTART'], ['REQUESTID', '1'], ['ANI', '614\u0001555'], ['USER1', 'ok'], ['user_id', '\uFFFE'], ['A\u000BB', 'x'], ['DNIS', ' 800 '],
      ]);
      assert.deepEqual(request.illegalCharacters, [
        'ANI holds U+0001, a character XML 1.0 does not allow',
        'USER_ID holds U+FFFE, a character XML 1.0 does not allow',
        "parameter name 'A\uFFFDB' holds U+000B, a character XML 1.0 does not allow",
      ]);
      assert.deepEqual(ApiRequest.fromFields([['TYPE', 'TEST'], ['ANI', '\u{1F600}']]).illegalCharacters, []);
    });

    it('the value is judged as kept (trimmed): a vertical tab at an end is trimmed away, one inside is refused', () => {
      assert.deepEqual(ApiRequest.fromFields([['ANI', '6145551212\u000B']]).illegalCharacters, []);
      assert.equal(ApiRequest.fromFields([['ANI', '614\u000B5551212']]).illegalCharacters.length, 1);
    });

    it('validateFields reports them first, for any parameter, without a second message for the same value', () => {
      const request = ApiRequest.fromFields([['TYPE', 'CALLSTART'], ['PRIORITY', '5\u0001'], ['NOTINTABLE', '\u0002'], ['USER2', 'x'.repeat(21)]]);
      assert.deepEqual(validateFields(request, FIELD_LIMITS['CALLSTART']!), [
        'PRIORITY holds U+0001, a character XML 1.0 does not allow',
        'NOTINTABLE holds U+0002, a character XML 1.0 does not allow',
        'USER2 is 21 characters; the limit is 20 (varchar(20))',
      ]);
    });
  });

  describe('ApiDispatcher', () => {
    const session: ApiSession = { id: 'test-1', transport: 'internal', remoteAddress: '127.0.0.1' };
    const dispatch = async (xml: string): Promise<ApiReply> => {
      const container = new Container();
      container.bind(TOKENS.Logger).toConstantValue(pino({ level: 'silent' }));
      container.load(commandsModule);
      return container.get(ApiDispatcher).dispatch(parseRequest(xml), session);
    };

    for (const [how, text] of [['&#1;', '&#1;'], ['&#x1F;', '&#x1F;'], ['&#xFFFE;', '&#xFFFE;'], ['&#xD800;', '&#xD800;'], ['a raw 0x0B', '\u000B'], ['a raw U+FFFF', '\uFFFF']] as const) {
      it(`answers API_PARAMETERS_INVALID (59) for ${how} in a parameter of a function with no field table (TEST)`, async () => {
        const reply = await dispatch(`<REQUEST><TYPE>TEST</TYPE><REQUESTID>4</REQUESTID><NOTE>a${text}b</NOTE></REQUEST>`);
        assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
        assert.match(reply.result.message!, /^NOTE holds U\+[0-9A-F]{4}, a character XML 1\.0 does not allow$/);
        assertWellFormed(buildResult(reply.requestType, reply.requestId, reply.result));
      });
    }

    it('refuses TYPE (or REQUESTTYPE) holding one with 59, before asking whether the function exists, echoing it as U+FFFD', async () => {
      for (const tag of ['TYPE', 'REQUESTTYPE']) {
        const reply = await dispatch(`<REQUEST><${tag}>TE&#1;ST</${tag}><REQUESTID>4</REQUESTID></REQUEST>`);
        assert.equal(reply.result.type, 'API_PARAMETERS_INVALID', tag);
        assert.equal(reply.result.message, `${tag} holds U+0001, a character XML 1.0 does not allow`);
        const xml = buildResult(reply.requestType, reply.requestId, reply.result);
        assertWellFormed(xml);
        assert.match(xml, /<REQUESTTYPE>TE\uFFFDST<\/REQUESTTYPE>/);
      }
    });

    it('keeps answering a REQUESTID holding one with 14, and its echo well-formed', async () => {
      const reply = await dispatch('<REQUEST><TYPE>TEST</TYPE><REQUESTID>4&#1;</REQUESTID></REQUEST>');
      assert.equal(reply.result.type, 'API_REQUESTID_INVALID');
      assertWellFormed(buildResult(reply.requestType, reply.requestId, reply.result));
    });

    it('answers a tag name holding one 16, in a well-formed reply', async () => {
      const reply = await dispatch('<REQUEST><TYPE>TEST</TYPE><REQUESTID>4</REQUESTID><A\u0001>x</A\u0001></REQUEST>');
      assert.equal(reply.result.type, 'API_INVALID_MESSAGE_FORMAT');
      assertWellFormed(buildResult(reply.requestType, reply.requestId, reply.result));
    });

    it('still takes tab, LF, CR, &#x10FFFF; and a surrogate pair', async () => {
      const reply = await dispatch('<REQUEST><TYPE>TEST</TYPE><REQUESTID>4</REQUESTID><NOTE>a&#9;b&#10;c&#13;d&#x10FFFF;\u{1F600}</NOTE></REQUEST>');
      assert.deepEqual(reply.result, apiOk());
    });
  });

  describe('PublishedEvent', () => {
    const event = (value: string) => new PublishedEvent({
      type: 'CALLSTART', module: 'Api', deviceId: '4242', at: 0,
      data: { DEVICEID: '4242', ANI: `614${value}555`, USER1: `<EVENTXREF></EVENTXREF>${value}`, USER2: value },
    }, 1, new ApiTimeFormat('UTC'));

    it('writes CALLCOPYEVENT well-formed, with each subscription\'s EVENTXREF in its place, whatever the data hold', () => {
      for (const [c, label] of FORBIDDEN) {
        const published = event(c);
        for (const xref of [7, 12345]) {
          const xml = published.xml(xref);
          assert.ok(xml.endsWith('</CALLCOPYEVENT>\r\n'), label);
          assertWellFormed(xml.slice(0, -2));
          assert.match(xml, new RegExp(`\\n\\t<EVENTXREF>${xref}</EVENTXREF>\\n`), label);
          assert.equal(xml.match(/<EVENTXREF>/g)!.length, 1, 'data cannot forge the slot');
          assert.match(xml, /<ANI>614\uFFFD555<\/ANI>/, label);
        }
      }
    });

    it('leaves the JSON form alone: it carries every value exactly, escaped, and parses back to it', () => {
      for (const [c, label] of FORBIDDEN) {
        const json = event(c).json(9);
        const parsed = JSON.parse(json) as { EVENTXREF: string; data: Record<string, string> };
        assert.equal(parsed.EVENTXREF, '9', label);
        assert.equal(parsed.data['ANI'], `614${c}555`, label);
        assert.equal(parsed.data['USER2'], c, label);
        assert.ok(!/[\u0000-\u001F\uD800-\uDFFF]/.test(json), `${label}: controls and lone surrogates are escaped`);
      }
    });
  });
});
