import { inject, injectable } from 'inversify';
import { CoreRegistry } from '../../cores/core-registry.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';

/**
 * CHANNELS: every channel of every recorder core, live from the cores, with
 * COUNT equal to the number of CHANNEL blocks. Channel IDs are per core, so
 * each block also names its COREIDENT (after the manual's fields).
 */
@injectable()
export class ChannelsCommand implements ApiCommand {
  readonly type = 'CHANNELS';

  constructor(
    @inject(CoreRegistry) private readonly cores: CoreRegistry,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  handle(): ApiResult {
    const channels = this.cores.all().flatMap((core) =>
      core.channels().map((channel) => ({
        ID: channel.id,
        STATE: channel.state,
        PLAYBACKEXTENSION: channel.playbackExtension,
        RECORDINGDEVICEALIAS: channel.recordingDeviceAlias,
        RECORDINGDEVICE: channel.recordingDevice,
        LASTSTATECHANGE: this.time.dateTime(channel.lastStateChange),
        LASTSTATECHANGEUNIXTIME: this.time.unix(channel.lastStateChange),
        COREIDENT: core.coreIdent,
      })),
    );
    return apiOk(undefined, { COUNT: channels.length, CHANNELS: { CHANNEL: channels } });
  }
}
