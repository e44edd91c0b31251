// The siprec plugin under load: 200 SIPREC sessions at once, from SIPp (the
// recording client), each with two streams (the agent's and the customer's:
// 400 RTP streams of 1 kHz PCMU, 20,000 packets a second) for 60 s of audio,
// recorded by a real Callwire host with the plugin as core 2. The RTP comes
// from a child process standing in for the SBC's media (SIPp's rtp_stream
// reaches only one m-line of a session). Figure: this process's CPU time
// per second of session audio. Baseline: the rtp-recorder's figure for 200
// two-sided calls, measured in the same run. Packets lost (sent, never
// taken by a recording) must be 0 and every WAV as long as its recording,
// else the run is reported as failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rtpRecorderBench from './rtp-recorder.bench.mjs';
import { measureStreams } from './rtp-streams.mjs';

const SESSIONS = 200;
const SECONDS = Number(process.env.CALLWIRE_SIPREC_BENCH_SECONDS ?? 60);
const RTP_BASE = 44000;

export default async function siprec() {
  const baseline = await rtpRecorderBench();
  if (baseline.error) return { name: 'siprec', error: `the rtp-recorder baseline failed: ${baseline.error}` };
  const { startTestHost, readWav } = await import('../packages/plugin-kit/dist/src/testing/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'callwire-siprec-bench-'));
  const host = await startTestHost({
    plugins: [{ use: 'siprec', options: { coreIdent: 2, channels: SESSIONS, sip: { host: '127.0.0.1', port: 0 }, rtp: { portRange: [RTP_BASE, RTP_BASE + 4 * SESSIONS] }, devices: { match: '^7\\d+$' } } }],
  });
  let sipp;
  try {
    const core = host.core(2);
    sipp = runSipp(writeScenario(dir, SECONDS + 20), core.sipPort('udp'));
    await host.waitFor(() => core.sessions().filter((s) => s.confirmed && s.callInstance !== undefined).length === SESSIONS, `${SESSIONS} confirmed sessions`, 60000);
    await host.waitFor(() => host.events.filter((e) => e.type === 'RECORDINGSTARTED').length === SESSIONS, `${SESSIONS} recordings`, 30000);
    const streams = core.sessions().flatMap((s, i) => s.streams.map((stream, j) => ({ port: stream.port, ssrc: 2 * i + j + 1 })));
    const measured = await measureStreams(streams, SECONDS, async () => core.stats());
    const stats = measured.extra;
    const run = await sipp.done;
    if (run.code !== 0) throw new Error(`sipp failed (${run.code}):\n${run.output.slice(-2000)}`);
    await host.waitFor(() => host.events.filter((e) => e.type === 'RECORDINGUPDATE').length === SESSIONS, `${SESSIONS} recordings saved`, 60000);
    const rows = await host.recordings();
    const wrongLength = rows.filter((row) => Math.abs(readWav(String(row['filename'])).durationMs - (Number(row['stop_time']) - Number(row['start_time']))) > 20);
    const audioSeconds = SESSIONS * SECONDS;
    const figure = measured.cpuMs / audioSeconds;
    const result = {
      name: 'siprec',
      figure,
      unit: 'ms CPU per s of session audio',
      baseline: baseline.figure,
      baselineName: 'the rtp-recorder, 200 two-sided calls, this run',
      ratio: figure / baseline.figure,
      higherIsBetter: false,
      sessions: SESSIONS,
      streams: streams.length,
      secondsPerSession: SECONDS,
      packetsSent: measured.sent,
      packetsReceived: stats.received,
      packetsLost: measured.sent - stats.received,
      late: stats.late,
      recordings: rows.length,
      wavsOfWrongLength: wrongLength.length,
      cpuShareOfOneCore: measured.cpuMs / measured.wallMs,
      senderMaxLagMs: measured.maxLagMs,
    };
    if (result.packetsLost !== 0 || wrongLength.length > 0 || rows.length !== SESSIONS) {
      result.error = `packets lost ${result.packetsLost} of ${measured.sent}; ${rows.length} recordings, ${wrongLength.length} WAVs of the wrong length`;
    }
    return result;
  } finally {
    sipp?.child.kill();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SIPp's side: INVITE with two labelled sendonly streams and RFC 7865 metadata (device 7NNN, the call's number), 200, ACK, a pause, BYE. */
function writeScenario(dir, pauseSeconds) {
  const sdp = ['v=0', 'o=src 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
    'm=audio [auto_media_port] RTP/AVP 0', 'a=label:1', 'a=sendonly', 'm=audio [auto_media_port+2] RTP/AVP 0', 'a=label:2', 'a=sendonly'].join('\n');
  const metadata = ['<?xml version="1.0" encoding="UTF-8"?>', '<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>',
    '<participant participant_id="a"><nameID aor="sip:7[call_number]@pbx.example.com"/></participant>',
    '<participant participant_id="c"><nameID aor="sip:+1555[call_number]@carrier.example.com"/></participant>',
    '<stream stream_id="s1"><label>1</label></stream><stream stream_id="s2"><label>2</label></stream>',
    '<participantstreamassoc participant_id="a"><send>s1</send></participantstreamassoc>',
    '<participantstreamassoc participant_id="c"><send>s2</send></participantstreamassoc></recording>'].join('\n');
  const head = (method, cseq, extra = []) => [`${method} sip:srs@[remote_ip]:[remote_port] SIP/2.0`, 'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    'From: <sip:src@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]', `To: <sip:srs@[remote_ip]:[remote_port]>${method === 'INVITE' ? '' : '[peer_tag_param]'}`,
    'Call-ID: [call_id]', `CSeq: ${cseq} ${method}`, 'Max-Forwards: 70', ...extra].join('\n');
  const xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="siprec bench">
<send retrans="500"><![CDATA[
${head('INVITE', 1, ['Contact: <sip:src@[local_ip]:[local_port]>;+sip.src', 'Require: siprec', 'Content-Type: multipart/mixed;boundary=b1', 'Content-Length: [len]'])}

--b1
Content-Type: application/sdp

${sdp}
--b1
Content-Type: application/rs-metadata+xml
Content-Disposition: recording-session

${metadata}
--b1--
]]></send>
<recv response="100" optional="true"/>
<recv response="200" rtd="true"/>
<send><![CDATA[
${head('ACK', 1, ['Content-Length: 0'])}

]]></send>
<pause milliseconds="${pauseSeconds * 1000}"/>
<send retrans="500"><![CDATA[
${head('BYE', 2, ['Content-Length: 0'])}

]]></send>
<recv response="200"/>
</scenario>
`;
  const path = join(dir, 'siprec-bench.xml');
  writeFileSync(path, xml, 'latin1');
  return path;
}

function runSipp(scenario, port) {
  const child = spawn('sipp', [`127.0.0.1:${port}`, '-sf', scenario, '-m', String(SESSIONS), '-l', String(SESSIONS), '-r', '50', '-t', 'u1', '-i', '127.0.0.1', '-p', '0', '-nostdin', '-timeout', `${SECONDS + 120}s`, '-timeout_error', '-max_socket', '1024'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20000)));
  const done = new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  return { child, done };
}
