import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { systemTimers } from '@callwire/plugin-api';
import { readRecordingSession } from '../../src/metadata/index.js';
import { readOffer } from '../../src/sdp/index.js';
import { splitMultipart, startSipServer, type SipServer } from '../../src/sip/index.js';
import { RecordingHandler } from '../sip/recording-handler.js';
import { requireSipp, runSipp } from '../support/sipp.js';

const SCENARIO = fileURLToPath(new URL('../../../test/sipp/siprec-uac.xml', import.meta.url));

describe('the SIP layer against a real SIPREC client (SIPp 3.6)', function () {
  this.timeout(60000);
  let server: SipServer;
  let handler: RecordingHandler;

  before(function () {
    requireSipp(this);
  });
  beforeEach(async () => {
    handler = new RecordingHandler();
    server = await startSipServer({ host: '127.0.0.1', port: 0, transports: ['udp', 'tcp'], handler, timers: systemTimers });
  });
  afterEach(() => server.close());

  for (const [transport, name] of [['udp', 'UDP'], ['tcp', 'TCP']] as const) {
    it(`over ${name}: INVITE with a SIPREC multipart body, 200, ACK, BYE, 200 — and the offer and metadata it carried read back`, async () => {
      const port = transport === 'udp' ? server.udp!.address().port : server.tcp!.address().port;
      const { code, output } = await runSipp(SCENARIO, transport, port);
      assert.equal(code, 0, `sipp failed:\n${output}`);
      assert.deepEqual(handler.requests.map((r) => r.method), ['INVITE', 'BYE']);
      assert.equal(handler.acks.length, 1, 'the ACK reached the dialog layer');

      const invite = handler.requests[0]!;
      assert.match(invite.headers.get('Require') ?? '', /siprec/);
      const parts = splitMultipart(invite.headers.get('Content-Type')!, invite.body);
      const sdp = parts.find((p) => p.headers.get('Content-Type') === 'application/sdp')!;
      const metadata = parts.find((p) => p.headers.get('Content-Type') === 'application/rs-metadata+xml')!;
      const offer = readOffer(sdp.body.toString('utf8'));
      assert.deepEqual(offer.streams.map((s) => [s.label, s.direction]), [['1', 'sendonly'], ['2', 'sendonly']]);
      const session = readRecordingSession({ metadata: metadata.body.toString('utf8'), mediaLines: offer.streams.map((s, index) => ({ index, label: s.label })) });
      assert.deepEqual(session.participants.map((p) => [p.aor, p.name]), [['sip:alice@example.com', 'Alice'], ['sip:bob@example.com', 'Bob']]);
    });
  }
});
