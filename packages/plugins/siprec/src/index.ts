import { definePlugin } from '@callwire/plugin-api';
import { siprecOptions } from './options.js';
import { createSiprecServer } from './siprec-plugin.js';

/**
 * The siprec plugin (`use: siprec`): a SIPREC session recording server
 * (RFC 7866). SBCs and PBXs (Cisco CUBE and CUCM BiB, Avaya SBCE,
 * Oracle/Acme, Ribbon/Sonus, BroadWorks, Metaswitch…) fork calls to it;
 * each session is a call on our device through the same path as CALLSTART,
 * or brings the audio of the call an input plugin or the API has there,
 * and is recorded by this core as one WAV per session: the far end on the
 * left, our device on the right.
 */
export default definePlugin({
  name: 'siprec',
  kind: 'recorder',
  hostVersion: '^0.1.0',
  callSource: true,
  options: siprecOptions,
  create(ctx) {
    if (!ctx.calls) throw new Error('the siprec plugin needs the call path (callSource) from its host');
    const server = createSiprecServer(ctx, ctx.calls);
    return { core: server.core, start: () => server.start(), stop: () => server.stop() };
  },
});

export { siprecOptions, type SiprecOptions } from './options.js';
export { createSiprecServer, type SiprecServer } from './siprec-plugin.js';
export { SiprecCore } from './siprec-core.js';
export * from './sip/index.js';
export * from './metadata/index.js';
export * from './sdp/index.js';
