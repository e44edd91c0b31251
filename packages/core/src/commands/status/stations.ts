import { inject, injectable } from 'inversify';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { Storage } from '../../storage/index.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';

/** STATIONS: the station-to-device mappings (IMPORTWORKSTATION), with COUNT. */
@injectable()
export class StationsCommand implements ApiCommand {
  readonly type = 'STATIONS';

  constructor(@inject(TOKENS.Storage) private readonly storage: Storage) {}

  async handle(): Promise<ApiResult> {
    const stations = await this.storage.stations.list();
    return apiOk(undefined, {
      COUNT: stations.length,
      STATIONS: { STATION: stations.map((s) => ({ STATIONNAME: s.station_name, DEVICEID: s.device_id })) },
    });
  }
}
