import { BlackoutService } from '../../blackouts/blackout-service.js';
import type { CallIdentity } from '../../calls/call-fields.js';
import type { FanoutOutcome } from '../../cores/core-registry.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';
import { coreResult } from '../call-handling/call-results.js';

const IDENTIFIERS = ['DEVICEID', 'DEVICEALIAS', 'CRM_USER', 'SYS_USER'] as const;

type BlackoutAction = (service: BlackoutService, identity: CallIdentity, offsetSeconds: number) => Promise<FanoutOutcome>;

/** The four blackout functions: what each does with the request's device or agent. */
export const BLACKOUT_FUNCTIONS: Readonly<Record<string, BlackoutAction>> = {
  BLACKOUTSTART: (service, identity, offset) => service.start(identity, offset),
  BLACKOUTSTOP: (service, identity, offset) => service.stop(identity, offset),
  AGENTBLACKOUTSTART: (service, identity, offset) => service.agentStart(identity, offset),
  AGENTBLACKOUTSTOP: (service, identity, offset) => service.agentStop(identity, offset),
};

/**
 * BLACKOUTSTART / BLACKOUTSTOP (one call instance; CALLINSTANCE, else the
 * device's last call) and AGENTBLACKOUTSTART / AGENTBLACKOUTSTOP (every call
 * of the agent). "Only specify one of the following: DEVICEID, DEVICEALIAS,
 * CRM_USER, or SYS_USER" — more than one is refused rather than guessed at,
 * since a blackout on the wrong call would record a card number.
 */
export class BlackoutCommand implements ApiCommand {
  constructor(
    readonly type: string,
    private readonly service: BlackoutService,
  ) {}

  handle(request: ApiRequest): Promise<ApiResult> | ApiResult {
    const sent = IDENTIFIERS.filter((name) => request.nonBlank(name) !== undefined);
    if (sent.length !== 1) {
      const problem = sent.length === 0 ? 'no device or agent was named' : `${sent.join(' and ')} were all sent`;
      return apiResult('API_DEVICE_INVALID', `${problem}: send exactly one of DEVICEID, DEVICEALIAS, CRM_USER or SYS_USER`);
    }
    const agentWide = this.type.startsWith('AGENT');
    const identity: CallIdentity = {
      deviceId: request.nonBlank('DEVICEID'),
      deviceAlias: request.nonBlank('DEVICEALIAS'),
      crmUser: request.nonBlank('CRM_USER'),
      sysUser: request.nonBlank('SYS_USER'),
      callInstance: agentWide ? undefined : request.get('CALLINSTANCE'),
    };
    const offset = Number(request.nonBlank('TIMEOFFSET') ?? 0);
    return BLACKOUT_FUNCTIONS[this.type]!(this.service, identity, offset).then((outcome) => coreResult(this.type, outcome));
  }
}
