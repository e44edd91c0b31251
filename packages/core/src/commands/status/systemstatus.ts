import { inject, injectable } from 'inversify';
import { apiOk, type ApiResult, type ResultBody } from '../../protocol/api-result.js';
import type { EngineSettings } from '../../settings.js';
import { describeUptime, measureSystem } from '../../status/system-figures.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';

const gb = (mb: number) => (mb / 1024).toFixed(2);

/**
 * SYSTEMSTATUS: real figures of this host. RECORDINGSPEACEINFO keeps the
 * manual's spelling (clients parse it); RECORDINGSPACEINFO, the Parameter
 * Definitions spelling, is sent too, right after it.
 */
@injectable()
export class SystemStatusCommand implements ApiCommand {
  readonly type = 'SYSTEMSTATUS';

  constructor(@inject(TOKENS.Settings) private readonly settings: EngineSettings) {}

  async handle(): Promise<ApiResult> {
    const s = await measureSystem(this.settings.recordingsPath);
    const space = `${gb(s.diskFreeMb)}GB of ${gb(s.diskCapacityMb)}GB`;
    const body: ResultBody = {
      RECORDINGPATH: s.recordingPath,
      RECORDINGSPEACEINFO: space,
      RECORDINGSPACEINFO: space,
      RECORDINGTOTALDISKCAPACITY: s.diskCapacityMb,
      RECORDINGTOTALDISKFREE: s.diskFreeMb,
      RECORDINGTOTALDISKFREEPCT: s.diskCapacityMb === 0 ? '0.00' : ((100 * s.diskFreeMb) / s.diskCapacityMb).toFixed(2),
      SYSTEMUPTIME: describeUptime(s.uptimeSeconds),
    };
    s.processors.forEach((cpu, i) => (body[`PROCESSOR${i}`] = { SYSTEMPROCESSORSPEED: `${cpu.speedMhz}MHz`, SYSTEMPROCESSORTYPE: cpu.model }));
    const used = s.ramTotalMb - s.ramFreeMb;
    Object.assign(body, {
      SYSTEMRAMTOTAL: s.ramTotalMb,
      SYSTEMRAMFREE: s.ramFreeMb,
      SYSTEMRAMUSED: used,
      SYSTEMRAMUSEDPCT: s.ramTotalMb === 0 ? 0 : Math.round((100 * used) / s.ramTotalMb),
    });
    // Not in the manual, after its elements: the free-space floor below which CALLSTART answers API_ERROR_OUT_OF_DISK_SPACE.
    const floor = this.settings.minFreeMb ?? 0;
    if (floor > 0) {
      body.RECORDINGMINFREE = floor;
      body.RECORDINGSPACESTATUS = s.diskFreeMb < floor ? 'LOW' : 'OK';
    }
    return apiOk(undefined, body);
  }
}
