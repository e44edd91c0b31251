import { definePlugin } from '@callwire/plugin-api';
import { tapiOptions } from './options.js';
import { TapiInput } from './tapi-input.js';

export { tapiOptions, type TapiOptions } from './options.js';
export { LINE_CALL_STATES, type LineCallState } from './protocol/line-call-state.js';
export { BRIDGE_PROTOCOL_VERSION } from './tapi-input.js';

/**
 * `tapi`: follows the line devices of a PBX whose CTI is TAPI, through a
 * TAPI-to-network bridge (BRIDGE-PROTOCOL.md), and turns their call states
 * into Callwire calls.
 */
export default definePlugin({
  name: 'tapi',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: tapiOptions,
  create: (ctx) => new TapiInput(ctx),
});
