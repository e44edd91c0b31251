import type { InputContext, PluginInstance } from '@callwire/plugin-api';
import type { ServerModeOptions } from '../options.js';
import { PushServer } from './push-server.js';

/** Server mode: the plugin's own WebSocket endpoint, where PBX adapters push call events. */
export class PushInput implements PluginInstance {
  private readonly server: PushServer;

  constructor(ctx: InputContext<ServerModeOptions>) {
    this.server = new PushServer(ctx);
  }

  start(): Promise<void> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
