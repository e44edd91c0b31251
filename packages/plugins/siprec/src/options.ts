import { z } from '@callwire/plugin-api';

const port = z.number().int().min(1).max(65535);

/** A regular expression given as text, checked at load. */
const pattern = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(err as Error).message}` });
  }
});

/**
 * Options of the siprec plugin (`use: siprec`). Only `coreIdent` is
 * required: `{ coreIdent: 2 }` listens for SIP on 127.0.0.1:5070 (UDP and
 * TCP) and receives RTP on even ports 46000–46999.
 */
export const siprecOptions = z
  .strictObject({
    /** COREIDENT of this recorder core: unique among the deployment's cores. */
    coreIdent: z.number().int().positive(),
    sip: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(5070),
        transports: z.array(z.enum(['udp', 'tcp'])).min(1).default(['udp', 'tcp']),
        /** The address put in Contact headers, when SRCs must reach us by another than `host` (e.g. host 0.0.0.0). */
        contactHost: z.string().min(1).optional(),
      })
      .prefault({}),
    rtp: z
      .strictObject({
        /** Address the RTP sockets bind to; default the SIP host. */
        host: z.string().min(1).optional(),
        /** Address the SDP answer gives SRCs to send to (c=), when it is not `host` (e.g. host 0.0.0.0). */
        mediaAddress: z.string().min(1).optional(),
        /** Inclusive UDP port range; each stream of a session takes one even port. */
        portRange: z.tuple([port, port]).default([46000, 46999]),
        /** How long packets wait for stragglers before their audio is written. */
        jitterMs: z.number().int().min(0).max(1000).default(60),
      })
      .prefault({}),
    devices: z
      .strictObject({
        /** Our device is the participant whose number (AOR user part) matches this. */
        match: pattern.default('^\\d{3,6}$'),
      })
      .prefault({}),
    /**
     * A session no schedule records: `answer` (the default) takes it and
     * discards its media until a RECORDSTART; `decline` refuses it with
     * `declineStatus`.
     */
    unscheduled: z
      .strictObject({
        action: z.enum(['answer', 'decline']).default('answer'),
        declineStatus: z.number().int().min(400).max(699).default(480),
      })
      .prefault({}),
    /** 'stereo': the far end left, our device right; 'mono': both summed. */
    mix: z.enum(['stereo', 'mono']).default('stereo'),
    /** Recordings this core runs at once (CHANNELS lists this many). */
    channels: z.number().int().min(1).max(5000).default(200),
    /** Mean absolute amplitude (of 32767) under which a 20 ms block counts as silence, for MAXRECORDSILENCE. */
    silenceThreshold: z.number().min(0).max(32767).default(100),
    /** A core-side limit in seconds on any recording; absent = none. */
    maxRecordTime: z.number().int().positive().optional(),
    /** How often (ms) a running recording's WAV header is rewritten; 0 = only at the stop. */
    headerUpdateMs: z.number().int().min(0).max(600_000).default(2000),
    /** RFC 4028: the session interval (s) granted to SRCs that ask for session timers. */
    sessionExpires: z.number().int().min(90).max(86_400).default(1800),
  })
  .superRefine((options, ctx) => {
    const [low, high] = options.rtp.portRange;
    if (low > high) ctx.addIssue({ code: 'custom', path: ['rtp', 'portRange'], message: `portRange starts at ${low}, after its end ${high}` });
    else if (high - low < 1) ctx.addIssue({ code: 'custom', path: ['rtp', 'portRange'], message: `portRange ${low}-${high} holds no even port pair` });
    const wildcard = (address: string) => address === '0.0.0.0' || address === '::';
    if (wildcard(mediaAddressOf(options))) ctx.addIssue({ code: 'custom', path: ['rtp', 'mediaAddress'], message: 'the RTP sockets bind to every address: set rtp.mediaAddress to the address SBCs must send media to' });
    if (wildcard(options.sip.contactHost ?? options.sip.host)) ctx.addIssue({ code: 'custom', path: ['sip', 'contactHost'], message: 'SIP listens on every address: set sip.contactHost to the address SBCs reach this server at' });
  });

/** The address SRCs send media to (the answers' c= line). */
export function mediaAddressOf(options: { readonly sip: { readonly host: string }; readonly rtp: { readonly host?: string; readonly mediaAddress?: string } }): string {
  return options.rtp.mediaAddress ?? options.rtp.host ?? options.sip.host;
}

export type SiprecOptions = z.output<typeof siprecOptions>;
