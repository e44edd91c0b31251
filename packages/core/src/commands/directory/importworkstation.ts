import { inject, injectable } from 'inversify';
import { Workstations } from '../../directory/workstations.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, apiResult, type ApiResult } from '../../protocol/api-result.js';
import { StorageError } from '../../storage/index.js';
import type { AdminPermission, ApiCommand, RequestContext } from '../api-command.js';
import { databaseFailure } from '../result-of-error.js';
import { required } from './directory-request.js';

/**
 * IMPORTWORKSTATION: maps STATIONNAME to DEVICEID at LOCATIONID (all three
 * required), replacing any mapping of either. The result carries the
 * STATIONNAME sent and the DEVICEID actually stored for it — after a database
 * error, the old one, "for easier troubleshooting".
 */
@injectable()
export class ImportWorkstationCommand implements ApiCommand {
  readonly type = 'IMPORTWORKSTATION';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWSYSTEMCONFIG. */
  administers(): AdminPermission {
    return 'ALLOWSYSTEMCONFIG';
  }

  constructor(@inject(Workstations) private readonly workstations: Workstations) {}

  async handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const sent = required(request, 'IMPORTWORKSTATION', 'DEVICEID', 'STATIONNAME', 'LOCATIONID');
    const stationName = sent.STATIONNAME;
    try {
      const station = await this.workstations.map(sent.DEVICEID, stationName, Number(sent.LOCATIONID));
      return apiOk(`station ${stationName} is mapped to device ${station.device_id}`, { DEVICEID: station.device_id, STATIONNAME: stationName });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      context.log.warn({ err: error }, 'IMPORTWORKSTATION: database error');
      const stored = await this.workstations.deviceOf(stationName).catch(() => undefined);
      return apiResult('API_DATABASE_QUERY_ERROR', `the station mapping could not be stored; ${databaseFailure(error)}`, { DEVICEID: stored ?? '', STATIONNAME: stationName });
    }
  }
}
