import { inject, injectable } from 'inversify';
import { AgentWindows } from '../../directory/agent-windows.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';
import { requireOne } from './directory-request.js';

/**
 * AGENTWINDOW: the latest window seen on the agent's computer (COMPUTERNAME),
 * else of the user (USERNAME): DOMAIN, IPADDRESS, STATUS, APPLICATIONTITLE
 * and LASTUPDATE, as the manual's example lays them out.
 */
@injectable()
export class AgentWindowCommand implements ApiCommand {
  readonly type = 'AGENTWINDOW';

  constructor(
    @inject(AgentWindows) private readonly windows: AgentWindows,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const query = { computerName: request.nonBlank('COMPUTERNAME'), username: request.nonBlank('USERNAME') };
    requireOne(query.computerName !== undefined || query.username !== undefined, 'AGENTWINDOW needs COMPUTERNAME or USERNAME');
    const window = await this.windows.latest(query);
    return apiOk(undefined, {
      DOMAIN: window.domain ?? '',
      IPADDRESS: window.ip_address ?? '',
      STATUS: window.status ?? '',
      APPLICATIONTITLE: window.application_title ?? '',
      LASTUPDATE: agentWindowTime(window.last_update, this.time.timeZone),
    });
  }
}

/**
 * LASTUPDATE as the manual's AGENTWINDOW example prints it, `Feb  2 2011  4:53PM`:
 * SQL Server's default text for a datetime (CONVERT style 100), day and hour
 * padded to two places with a space, in the deployment's time zone. Clients
 * of the real product parse that text, so it is kept.
 */
function agentWindowTime(ms: number, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true,
  });
  const part = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const pad = (value: string | undefined) => (value ?? '').padStart(2, ' ');
  const minute = (part['minute'] ?? '0').padStart(2, '0');
  return `${part['month']} ${pad(part['day'])} ${part['year']} ${pad(part['hour'])}:${minute}${part['dayPeriod']}`;
}
