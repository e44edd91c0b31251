import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { systemTimers } from '@callwire/plugin-api';
import { readRecordingSession } from '../../src/metadata/index.js';
import { readOffer } from '../../src/sdp/index.js';
import { splitMultipart, startSipServer, type SipServer } from '../../src/sip/index.js';
import { RecordingHandler } from '../sip/recording-handler.js';

const SCENARIO = fileURLToPath(new URL('../../../test/sipp/siprec-uac.xml', import.meta.url));
const HAVE_SIPP = spawnSync('sipp', ['-v']).error === undefined;
const REQUIRED = process.env['CALLWIRE_REQUIRE_SIPP'] === '1';

/** A UDP port nobody holds now, for SIPp's own side. */
async function freePort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** Runs SIPp's one-call scenario against the server; resolves with its exit code and output. */
async function runSipp(transport: 'u1' | 't1', server: number): Promise<{ code: number | null; output: string }> {
  const local = await freePort();
  const child = spawn('sipp', [`127.0.0.1:${server}`, '-sf', SCENARIO, '-m', '1', '-t', transport, '-i', '127.0.0.1', '-p', String(local), '-nostdin', '-timeout', '20s', '-timeout_error'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

describe('the SIP layer against a real SIPREC client (SIPp 3.6)', function () {
  this.timeout(60000);
  let server: SipServer;
  let handler: RecordingHandler;

  before(function () {
    if (!HAVE_SIPP && !REQUIRED) {
      console.log('      (skipped: sipp is not installed; apt-get install sip-tester, or set CALLWIRE_REQUIRE_SIPP=1 to make this a failure)');
      this.skip();
    }
  });
  beforeEach(async () => {
    handler = new RecordingHandler();
    server = await startSipServer({ host: '127.0.0.1', port: 0, transports: ['udp', 'tcp'], handler, timers: systemTimers });
  });
  afterEach(() => server.close());

  for (const [transport, name] of [['u1', 'UDP'], ['t1', 'TCP']] as const) {
    it(`over ${name}: INVITE with a SIPREC multipart body, 200, ACK, BYE, 200 — and the offer and metadata it carried read back`, async () => {
      const port = transport === 'u1' ? server.udp!.address().port : server.tcp!.address().port;
      const { code, output } = await runSipp(transport, port);
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
