import assert from 'node:assert/strict';
import { parse } from 'sdp-transform';
import { AnswerOrigin, planAnswer, readOffer, writeAnswer, type AnswerPlan } from '../../src/sdp/index.js';
import { fixtureFiles, fixtureMessages } from '../fixtures/siprec-fixtures.js';
import { sdpPartsOf } from './sdp-parts.js';

/** Every SDP of the fixtures: the application/sdp parts of the SIP messages, then sdp/*. */
const sdps = [
  ...fixtureMessages().flatMap((m) => sdpPartsOf(m.bytes).map((sdp) => ({ name: m.name, sdp }))),
  ...fixtureFiles('sdp', '.sdp').map((f) => ({ name: f.name, sdp: f.bytes.toString('latin1') })),
];

const portsFor = (plan: AnswerPlan) => new Map(plan.accepted.map((s) => [s.offered.index, 50000 + 2 * s.offered.index]));

describe('siprec SDP: every fixture SDP', () => {
  it('finds an application/sdp part in every fixture message that carries an SDP', () => {
    const withSdp = fixtureMessages().filter((m) => /\r\nv=0\r\n/.test(m.bytes.toString('latin1')));
    const found = withSdp.filter((m) => sdpPartsOf(m.bytes).length > 0);
    assert.deepEqual(found.map((m) => m.name), withSdp.map((m) => m.name));
    assert.equal(sdps.length, 114);
  });

  for (const { name, sdp } of sdps) {
    it(`reads and answers ${name}`, () => {
      const offer = readOffer(sdp);
      assert.ok(offer.audio.length > 0);
      for (const stream of offer.audio) {
        assert.ok(['sendonly', 'recvonly', 'sendrecv', 'inactive'].includes(stream.direction), stream.direction);
        assert.ok(stream.codecs.length > 0, `stream ${stream.index} has codecs`);
        assert.ok(stream.port > 0);
      }
      const plan = planAnswer(offer);
      const answer = parse(writeAnswer(plan, { origin: new AnswerOrigin('192.0.2.9', '7000').next(), address: '192.0.2.9', ports: portsFor(plan) }));
      assert.equal(answer.connection?.ip, '192.0.2.9');
      assert.equal(answer.origin?.sessionVersion, 7000);
      assert.deepEqual(answer.media.map((m) => m.type), offer.streams.map((s) => s.media));
      answer.media.forEach((m, index) => {
        const offered = offer.streams[index]!;
        assert.equal(m.label === undefined ? undefined : String(m.label), offered.label);
        const answered = plan.streams[index]!;
        if (!answered.accepted) return assert.equal(m.port, 0);
        assert.equal(m.port, 50000 + 2 * index);
        assert.equal(m.direction, offered.direction === 'sendonly' || offered.direction === 'sendrecv' ? 'recvonly' : 'inactive');
        assert.ok(['PCMU', 'PCMA', 'G722'].includes(m.rtp[0]!.codec), m.rtp[0]!.codec);
        const offeredEvent = offered.telephoneEvents.some((t) => t.rate === 8000);
        assert.equal(m.rtp.some((r) => r.codec === 'telephone-event'), offeredEvent);
      });
    });
  }
});
