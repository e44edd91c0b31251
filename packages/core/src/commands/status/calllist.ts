import { inject, injectable } from 'inversify';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult, type ResultBody } from '../../protocol/api-result.js';
import type { EngineSettings } from '../../settings.js';
import type { RecordingFilter, RecordingWithAgent, Storage } from '../../storage/index.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';

const FILTERS: readonly [string, keyof RecordingFilter][] = [
  ['DEVICEID', 'deviceId'], ['CRM_USER', 'crmUser'], ['SYS_USER', 'sysUser'], ['DEVICEALIAS', 'deviceAlias'],
  ['GROUP', 'group'], ['GATE', 'gate'], ['ANI', 'ani'], ['DNIS', 'dnis'],
  ...Array.from({ length: 15 }, (_, i) => [`USER${i + 1}`, `user${i + 1}`] as [string, keyof RecordingFilter]),
];

/**
 * CALLLIST: recordings matching every filter sent (AND), newest first.
 * CALLDATESTART/CALLDATEEND are UNIX seconds; CALLCOUNT is the top N inside
 * that range, capped by config so one request cannot pull the whole table.
 */
@injectable()
export class CallListCommand implements ApiCommand {
  readonly type = 'CALLLIST';

  constructor(
    @inject(TOKENS.Storage) private readonly storage: Storage,
    @inject(TOKENS.Settings) private readonly settings: EngineSettings,
  ) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const rows = await this.storage.recordings.listWithAgents(this.filter(request));
    return apiOk(undefined, { COUNT: rows.length, SEARCHRESULT: rows.map((row, i) => searchResult(row, i + 1)) });
  }

  private filter(request: ApiRequest): RecordingFilter {
    const filter: Record<string, string | number> = {};
    for (const [parameter, key] of FILTERS) {
      const value = request.nonBlank(parameter);
      if (value !== undefined) filter[key] = value;
    }
    const from = request.nonBlank('CALLDATESTART');
    const to = request.nonBlank('CALLDATEEND');
    if (from !== undefined) filter['from'] = Number(from) * 1000;
    if (to !== undefined) filter['to'] = Number(to) * 1000 + 999;
    const { defaultCount, maxCount } = this.settings.callList;
    const asked = request.nonBlank('CALLCOUNT');
    filter['limit'] = Math.min(asked === undefined ? defaultCount : Number(asked), maxCount);
    return filter as RecordingFilter;
  }
}

function searchResult(row: RecordingWithAgent, callNumber: number): ResultBody {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  const body: ResultBody = {
    CALLNUMBER: callNumber,
    DEVICEID: row.device_id,
    DEVICEALIAS: text(row.device_alias),
    ANI: text(row.ani),
    DNIS: text(row.dnis),
    CALLDIRECTION: text(row.calldirection),
    GROUP: text(row.sgroup),
    GATE: text(row.gate),
  };
  for (let n = 1; n <= 15; n++) body[`USER${n}`] = text(row[`user${n}` as keyof RecordingWithAgent] as string | null);
  Object.assign(body, {
    RECORDID: row.ident,
    RECORDINGTIME: Math.floor(row.recording_time / 1000),
    DURATION: text(row.duration),
    AGENTFIRSTNAME: text(row.agent_first_name),
    AGENTLASTNAME: text(row.agent_last_name),
    CRM_USER: text(row.crm_user),
    SYS_USER: text(row.sys_user),
  });
  return body;
}
