import { definePlugin, type InputContext } from '@callwire/plugin-api';
import { PbxEventInput } from './client/pbx-event-input.js';
import { websocketInputOptions, type ClientModeOptions, type ServerModeOptions } from './options.js';
import { PushInput } from './push/push-input.js';

export { websocketInputOptions, type WebsocketInputOptions } from './options.js';
export { PUSH_EVENTS, type PushEvent } from './push/push-message.js';
export type { PushReply } from './push/push-session.js';

/**
 * `websocket-input`: call events over WebSocket. `mode: server` runs an
 * endpoint where PBX adapters push events in Callwire's JSON schema (each
 * answered with the XML API's result code); `mode: client` connects to a
 * PBX's event socket (Asterisk ARI, Yeastar) and reads its events.
 */
export default definePlugin({
  name: 'websocket-input',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: websocketInputOptions,
  create(ctx) {
    return ctx.options.mode === 'server'
      ? new PushInput(ctx as InputContext<ServerModeOptions>)
      : new PbxEventInput(ctx as InputContext<ClientModeOptions>);
  },
});
