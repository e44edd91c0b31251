import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readRequestDocument } from '../../src/protocol/read-request-document.js';

/**
 * The one-pass reader against what requests were read with before it:
 * fast-xml-parser's validator, then its parser (the same options), the
 * bare-& rule and the same field collection. Both must agree on what is
 * well-formed and on every field, over a corpus and over every one-character
 * deletion and duplication of a few documents. Deliberate differences are
 * listed where they are tested.
 */
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false, ignoreDeclaration: true, ignorePiTags: true, commentPropName: false });
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

type Reading = { ok: true; root: string; fields: [string, string][] } | { ok: false };

function before(xml: string): Reading {
  const text = xml.replace(BARE_AMPERSAND, '&amp;');
  if (XMLValidator.validate(text) !== true) return { ok: false };
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false };
  }
  const roots = Object.keys(document);
  if (roots.length !== 1) return { ok: false };
  const body = document[roots[0]!];
  const fields: [string, string][] = [];
  if (body !== null && typeof body === 'object') {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) fields.push([name, decode(typeof item === 'string' ? item : item === null || item === undefined ? '' : typeof item === 'object' ? String((item as Record<string, unknown>)['#text'] ?? '') : String(item))]);
    }
  }
  return { ok: true, root: roots[0]!, fields };
}

function now(xml: string): Reading {
  const read = readRequestDocument(xml);
  return 'error' in read ? { ok: false } : { ok: true, root: read.root, fields: read.fields };
}

/** Fields grouped by name in first-appearance order, as the old object form gave them. */
function grouped(reading: Reading): unknown {
  if (!reading.ok) return 'not well-formed';
  const groups = new Map<string, string[]>();
  for (const [name, value] of reading.fields) groups.set(name, [...(groups.get(name) ?? []), value]);
  return { root: reading.root, fields: [...groups] };
}

const WELL_FORMED = [
  '<REQUEST>\r\n  <TYPE>TEST</TYPE>\r\n  <REQUESTID>1</REQUESTID>\r\n</REQUEST>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><TYPE>CALLSTART</TYPE><DEVICEID>7001</DEVICEID><ANI>6145551212</ANI></REQUEST>',
  '\ufeff<REQUEST><TYPE>TEST</TYPE></REQUEST>',
  '<REQUEST><TYPE>ADDGROUP</TYPE><GROUPNAME>Sales & Marketing</GROUPNAME></REQUEST>',
  '<REQUEST><USER1>  a &amp; b &lt;c&gt; caf&#233; &#x263A; </USER1></REQUEST>',
  '<REQUEST><!-- a comment --><TYPE>TEST</TYPE><?pi data?><REQUESTID>2</REQUESTID></REQUEST><!-- after -->',
  '<REQUEST id="1" other=\'x\'><TYPE a="b">TEST</TYPE><EMPTY/><EMPTY2 /><E3></E3></REQUEST>',
  '<REQUEST><PHONE>1</PHONE><TYPE>X</TYPE><PHONE>2</PHONE></REQUEST>',
  '<TEST><REQUESTID>4</REQUESTID></TEST>',
  '<REQUEST/>',
  '<REQUEST><ns:TYPE>TEST</ns:TYPE><a.b-c_d>1</a.b-c_d><Straße>x</Straße></REQUEST>',
  '<REQUEST><TYPE>\n  TEST\n</TYPE></REQUEST>\n\n',
  '<REQUEST><X><Y>1</Y></X><TYPE>T</TYPE></REQUEST>',
];

const NOT_WELL_FORMED = [
  '<REQUEST><TYPE>TEST</TYPO></REQUEST>',
  '<REQUEST><TYPE>TEST</TYPE>',
  '<REQUEST><TYPE>TEST</TYPE></REQUEST><REQUEST></REQUEST>',
  '<REQUEST><TYPE a=b>TEST</TYPE></REQUEST>',
  '<REQUEST><TYPE a="1" a="2">TEST</TYPE></REQUEST>',
  '<REQUEST><TYPE>TEST</TYPE></REQUEST>trailing',
  '<REQUEST><!-- not closed <TYPE>TEST</TYPE></REQUEST>',
  '<REQUEST><TYPE>1 < 2</TYPE></REQUEST>',
  '<REQUEST><1TYPE>x</1TYPE></REQUEST>',
  '< REQUEST></REQUEST>',
  'just text',
  '',
];

describe('readRequestDocument: one pass, checked against the validator-then-parser it replaces', () => {
  for (const xml of WELL_FORMED) {
    it(`reads ${JSON.stringify(xml.slice(0, 60))} as the old path did`, () => {
      assert.deepEqual(grouped(now(xml)), grouped(before(xml)));
      assert.equal(now(xml).ok, true);
    });
  }
  for (const xml of NOT_WELL_FORMED) {
    it(`refuses ${JSON.stringify(xml.slice(0, 60))} as the old path did`, () => {
      assert.equal(now(xml).ok, false);
      assert.equal(before(xml).ok, false);
    });
  }

  /**
   * Where the old path was wrong, and the new one is meant to differ: a stray
   * text beside the parameters became a parameter named `#text`; markup such
   * as `<!- x -->` passed its validator as an element named `!-`.
   */
  function knownDifference(variant: string): boolean {
    const old = before(variant);
    if (!old.ok) return false;
    if (old.fields.some(([name]) => name.startsWith('!'))) return !now(variant).ok;
    const withoutText = { ...old, fields: old.fields.filter(([name]) => name !== '#text') };
    return JSON.stringify(grouped(withoutText)) === JSON.stringify(grouped(now(variant)));
  }

  it('agrees on every one-character deletion and duplication of three documents, but for the old path\'s two mistakes', () => {
    const documents = [WELL_FORMED[0]!, WELL_FORMED[5]!, WELL_FORMED[6]!];
    const disagreements: string[] = [];
    for (const xml of documents) {
      for (let i = 0; i < xml.length; i++) {
        for (const variant of [xml.slice(0, i) + xml.slice(i + 1), xml.slice(0, i + 1) + xml.slice(i)]) {
          const [a, b] = [grouped(now(variant)), grouped(before(variant))];
          if (JSON.stringify(a) !== JSON.stringify(b) && !knownDifference(variant)) disagreements.push(`${JSON.stringify(variant)}: now ${JSON.stringify(a)}, before ${JSON.stringify(b)}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('refuses \'<\' in an attribute value (deliberately: XML forbids it, the old validator let it through)', () => {
    assert.equal(now('<REQUEST><TYPE a="<">TEST</TYPE></REQUEST>').ok, false);
    assert.equal(before('<REQUEST><TYPE a="<">TEST</TYPE></REQUEST>').ok, true);
  });

  it('refuses a DOCTYPE (deliberately: a request has none, and no entity is ever declared)', () => {
    assert.equal(now('<!DOCTYPE REQUEST><REQUEST><TYPE>T</TYPE></REQUEST>').ok, false);
  });

  it('keeps CDATA as written (deliberately: the old path decoded entities inside it)', () => {
    const read = now('<REQUEST><USER1><![CDATA[a &amp; <b>]]></USER1></REQUEST>');
    assert.deepEqual(read.ok && read.fields, [['USER1', 'a &amp; <b>']]);
  });

  it('says where a document breaks', () => {
    const read = readRequestDocument('<REQUEST>\n<TYPE>TEST</TYPO>\n</REQUEST>');
    assert.ok('error' in read);
    assert.match(read.error, /<\/TYPO> closes <TYPE>/);
    assert.equal(read.at, 20);
  });
});
