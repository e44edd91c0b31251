import { z } from '@callwire/plugin-api';
import { planChannels } from './channel-layout.js';
import { deviceEntryProblem } from '@callwire/plugin-kit';

const port = z.number().int().min(1).max(65535);
/** YAML reads `7001` as a number; a DEVICEID is text either way. */
const deviceId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/**
 * Options of the rtp-recorder plugin. Everything but `coreIdent` has a
 * default, so `{ coreIdent: 1 }` is a working core: 16 dynamic channels on
 * 127.0.0.1, ports 40000–40999, stereo files, a 60 ms jitter buffer.
 */
export const rtpRecorderOptions = z
  .strictObject({
    /** COREIDENT: unique among the deployment's cores. */
    coreIdent: z.number().int().positive(),
    /** Address the channels' UDP sockets bind to. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Address reported in the media target, when senders must use another than `host` (e.g. host 0.0.0.0). */
    mediaHost: z.string().min(1).optional(),
    /** Dynamic channels: allocated per recording, ports taken in order from portRange. */
    channels: z.number().int().min(0).max(5000).default(16),
    /** Inclusive UDP port range of the dynamic channels; each uses an even port (RTCP's odd one is left alone). */
    portRange: z.tuple([port, port]).default([40000, 40999]),
    /** Static channels: this port always carries this device's audio (a tapped extension). */
    static: z.array(z.strictObject({ channel: z.number().int().positive(), device: deviceId, port })).default([]),
    /** DEVICEIDs this core serves: ids and numeric ranges ("7100-7199"); absent = every device. A static channel's device is always served. */
    devices: z.array(deviceId).optional(),
    /** 'stereo': side A left, side B right; 'mono': both sides summed. */
    mix: z.enum(['stereo', 'mono']).default('stereo'),
    /** How long packets wait for stragglers before their audio is written. */
    jitterMs: z.number().int().min(0).max(1000).default(60),
    /** Mean absolute amplitude (of 32767) under which a 20 ms block counts as silence, for MAXRECORDSILENCE. */
    silenceThreshold: z.number().min(0).max(32767).default(100),
    /** MAXRECORDSILENCE in seconds when the recording order brings none; absent = never. */
    maxRecordSilence: z.number().int().positive().optional(),
    /** A core-side limit in seconds on any recording (the engine's MAXRECORDTIME usually comes first); absent = none. */
    maxRecordTime: z.number().int().positive().optional(),
    /** How long a side must have been quiet before a new SSRC may take it over. */
    ssrcTakeoverMs: z.number().int().min(0).default(1000),
    /**
     * How often (ms) a running recording's WAV header is rewritten with the
     * sizes of the audio on disk, so a file cut off by a crash still plays
     * up to then; 0 = only at the stop (and at the next start's repair).
     */
    headerUpdateMs: z.number().int().min(0).max(600_000).default(2000),
  })
  .superRefine((options, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const [low, high] = options.portRange;
    if (low > high) issue(['portRange'], `portRange starts at ${low}, after its end ${high}`);
    const seen = { channel: new Map<number, number>(), device: new Map<string, number>(), port: new Map<number, number>() };
    options.static.forEach((s, i) => {
      for (const [field, value] of [['channel', s.channel], ['device', s.device], ['port', s.port]] as const) {
        const taken = (seen[field] as Map<typeof value, number>).get(value);
        if (taken !== undefined) issue(['static', i, field], `${field} ${value} is already used by static[${taken}]`);
        else (seen[field] as Map<typeof value, number>).set(value, i);
      }
    });
    options.devices?.forEach((entry, i) => {
      const problem = deviceEntryProblem(entry);
      if (problem) issue(['devices', i], problem);
    });
    if (low <= high) {
      try {
        planChannels(options);
      } catch (err) {
        issue(['channels'], (err as Error).message);
      }
    }
  });

/** The validated options a core runs with. */
export type RtpRecorderOptions = z.output<typeof rtpRecorderOptions>;
