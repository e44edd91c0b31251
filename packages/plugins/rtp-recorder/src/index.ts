import { join } from 'node:path';
import { definePlugin } from '@callwire/core';
import { rtpRecorderOptions } from './options.js';
import { RtpRecorderCore } from './rtp-recorder-core.js';

/**
 * The rtp-recorder plugin: a recorder core that records RTP sent to it by a
 * PBX, SBC or media fork (`use: rtp-recorder`; `npm start` runs it as core 1).
 */
export default definePlugin({
  name: 'rtp-recorder',
  kind: 'recorder',
  hostVersion: '^0.1.0',
  options: rtpRecorderOptions,
  create({ options, log, clock, recordingsPath, recordings, dataDir }) {
    const core = new RtpRecorderCore({ options, log, clock, recordingsPath, sink: recordings, stateDir: join(dataDir, 'open-recordings') });
    return { core, start: () => core.start(), stop: () => core.stop() };
  },
});

export { RtpRecorderCore, type ActiveRtpRecording, type RtpRecorderDeps, type RtpRecorderHealth } from './rtp-recorder-core.js';
export { repairWavHeader, type WavRepair } from './wav-repair.js';
export { rtpRecorderOptions, type RtpRecorderOptions } from './options.js';
export { planChannels, type ChannelPlan } from './channel-layout.js';
export { parseRtpPacket, PAYLOAD_CN, PAYLOAD_PCMA, PAYLOAD_PCMU, type RtpPacket, type RtpRejection } from './rtp-packet.js';
export { ALAW_TO_LINEAR, ULAW_TO_LINEAR, linearToAlaw, linearToUlaw } from './g711.js';
export { type PacketCounters, garbageCount } from './packet-counters.js';
export { silenceWavFile } from './wav-silence.js';
