import assert from 'node:assert/strict';
import { apiOk, type ApiReply, type ResultBody, type ResultValue } from '@callwire/core';
import fc from 'fast-check';
import { fitsOnePiece, render, replyPieces } from '../../src/api-server/reply-pieces.js';

const channels = (count: number): ApiReply => ({
  requestType: 'CHANNELS', requestId: '4',
  result: apiOk(undefined, {
    COUNT: count,
    CHANNELS: { CHANNEL: Array.from({ length: count }, (_, i) => ({ ID: i + 1, STATE: 'Idle', RECORDINGDEVICE: `70${i}`, COREIDENT: 1 })) },
  }),
});

const callList = (count: number): ApiReply => ({
  requestType: 'CALLLIST', requestId: '9',
  result: apiOk(undefined, {
    COUNT: count,
    SEARCHRESULT: Array.from({ length: count }, (_, i) => ({ CALLNUMBER: i + 1, DEVICEID: '7001', ANI: `A&B <${i}>`, USER1: 'x'.repeat(200) })),
  }),
});

describe('replyPieces', () => {
  it('a small reply is one piece, exactly render()', () => {
    const reply: ApiReply = { requestType: 'TEST', requestId: '1', result: apiOk() };
    assert.ok(fitsOnePiece(reply));
    assert.deepEqual([...replyPieces(reply)], [render(reply)]);
  });

  for (const [name, reply] of [['CHANNELS of 20,000 channels (nested)', channels(20_000)], ['CALLLIST of 1,000 calls', callList(1000)]] as const) {
    it(`${name}: pieces of bounded size that join to exactly render()`, () => {
      assert.ok(!fitsOnePiece(reply));
      const pieces = [...replyPieces(reply)];
      assert.ok(pieces.length >= 4, `${pieces.length} pieces`);
      for (const piece of pieces) assert.ok(piece.length <= 2 * 65536, `a piece of ${piece.length} characters`);
      assert.equal(pieces.join(''), render(reply));
    });
  }

  it('builds each piece only when asked for it', () => {
    const reply = channels(20_000);
    const pieces = replyPieces(reply);
    const first = pieces.next();
    assert.ok(!first.done && first.value.startsWith('<RESULT>\n\t<REQUESTTYPE>CHANNELS</REQUESTTYPE>'));
    assert.ok(first.value.length < 3 * 65536);
  });

  it('joins to render() for any body, cut at any piece size', () => {
    const tag = fc.constantFrom('A', 'B', 'ITEM', 'COUNT', 'USER1', '9', 'x y', 'LIST');
    const leaf = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.integer(), fc.string({ unit: 'binary', maxLength: 6 }));
    const { body } = fc.letrec<{ body: ResultBody; value: ResultValue }>((tie) => ({
      body: fc.dictionary(tag, tie('value'), { maxKeys: 5 }) as fc.Arbitrary<ResultBody>,
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('body'),
        fc.array(fc.oneof(leaf, tie('body')), { maxLength: 6 }),
      ) as fc.Arbitrary<ResultValue>,
    }));
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 400 }), (data, pieceChars) => {
        const reply: ApiReply = { requestType: 'FUZZ', requestId: '3', result: apiOk('ok', data) };
        assert.equal([...replyPieces(reply, pieceChars)].join(''), render(reply));
      }),
      { numRuns: 300, seed: 1405 },
    );
  });
});
