import { join } from 'node:path';
import { definePlugin } from '@callwire/plugin-api';
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
  create({ options, log, clock, timers, recordingsPath, recordings, dataDir }) {
    const core = new RtpRecorderCore({ options, log, clock, timers, recordingsPath, sink: recordings, stateDir: join(dataDir, 'open-recordings') });
    return { core, start: () => core.start(), stop: () => core.stop() };
  },
});

export { RtpRecorderCore, type ActiveRtpRecording, type RtpRecorderDeps, type RtpRecorderHealth } from './rtp-recorder-core.js';
export { rtpRecorderOptions, type RtpRecorderOptions } from './options.js';
export { planChannels, type ChannelPlan } from './channel-layout.js';
// The RTP reception moved to the kit; these names stay importable from here as before.
export {
  parseRtpPacket,
  PAYLOAD_CN,
  PAYLOAD_PCMA,
  PAYLOAD_PCMU,
  type RtpPacket,
  type RtpRejection,
  type PacketCounters,
  garbageCount,
} from '@callwire/plugin-kit';

