import type { CallSignals, RecorderContext } from '@callwire/plugin-api';
import { RtpPortPool } from './media/rtp-port-pool.js';
import { mediaAddressOf, type SiprecOptions } from './options.js';
import { RecordedCalls } from './session/recorded-calls.js';
import type { SessionContext } from './session/session-context.js';
import { SiprecSessions } from './session/siprec-sessions.js';
import { startSipServer, type SipServer } from './sip/index.js';
import { SiprecCore } from './siprec-core.js';

/** What one running siprec plugin is: its core, its sessions and its SIP server. */
export interface SiprecServer {
  readonly core: SiprecCore;
  readonly sessions: SiprecSessions;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the SIPREC server of a plugin instance from its context. */
export function createSiprecServer(ctx: RecorderContext<SiprecOptions>, signals: CallSignals): SiprecServer {
  const { options, log, clock, timers } = ctx;
  const calls = new RecordedCalls();
  const agentPhones = new Set<string>();
  const sipPort = (transport: 'udp' | 'tcp') => (transport === 'tcp' ? server?.tcp : server?.udp)?.address().port;
  const core = new SiprecCore({
    options, log, clock, timers, recordingsPath: ctx.recordingsPath, sink: ctx.recordings, calls, agentPhones,
    sessions: () => sessions.summaries(),
    sipPort,
  });
  const ports = new RtpPortPool(options.rtp.host ?? options.sip.host, options.rtp.portRange);
  let server: SipServer | undefined;
  const contactHost = options.sip.contactHost ?? options.sip.host;
  const portOf = (transport: string) => sipPort(transport.toUpperCase() === 'TCP' ? 'tcp' : 'udp') ?? options.sip.port;
  const context: SessionContext = {
    options,
    deviceMatch: new RegExp(options.devices.match),
    log,
    clock,
    timers,
    signals,
    calls,
    agentPhones,
    ports,
    mediaAddress: mediaAddressOf(options),
    contact: (transport) => `<sip:srs@${hostPart(contactHost)}:${portOf(transport)};transport=${transport.toLowerCase()}>`,
    sentBy: (transport) => `${hostPart(contactHost)}:${portOf(transport)}`,
    send: (request, dialog) => server?.layer.send(request, dialog.channel) ?? Promise.resolve(503),
    dialogsOf: (callIds) => sessions.dialogsOf(callIds),
    dropped: { 'not-rtp': 0, 'unknown-payload': 0, 'comfort-noise': 0, 'not-sending': 0 },
  };
  const sessions = new SiprecSessions(context);
  return {
    core,
    sessions,
    async start() {
      const { host, port, transports } = options.sip;
      server = await startSipServer({ host, port, transports, handler: sessions, timers, log });
      const bound = transports.map((t) => `${t.toUpperCase()} ${hostPart(host)}:${(t === 'tcp' ? server!.tcp : server!.udp)!.address().port}`);
      log.info({ coreIdent: options.coreIdent, sip: bound, rtp: options.rtp.portRange }, `SIPREC recorder core ${options.coreIdent} listening on ${bound.join(', ')}; RTP ${options.rtp.portRange.join('-')}`);
    },
    async stop() {
      await sessions.closeAll('the SIPREC server stopped');
      const dropped = Object.entries(context.dropped).filter(([, n]) => n > 0);
      if (dropped.length > 0) log.info({ dropped: context.dropped }, `SIPREC media datagrams not recorded: ${dropped.map(([why, n]) => `${n} ${why}`).join(', ')}`);
      await core.stop();
      await server?.close();
    },
  };
}

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
