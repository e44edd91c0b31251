import { inject, injectable } from 'inversify';
import type { CallSnapshotSource } from '../../calls/call-snapshot-source.js';
import type { CallcopyEvent } from '../../events/callcopy-event.js';
import type { EventBus, EventFilter } from '../../events/event-bus.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { FieldTable } from '../../protocol/field-limits.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { matchesFilter } from '../../events/event-bus.js';
import { eventClassProblem, parseDeviceIds, parseEventClass, wantsControl } from './event-subscription.js';

/**
 * EVENTS is not in the manual's data-type tables; these are the rules its
 * parameters need. EVENTVALUE items are DEVICEIDs, so each is held to
 * DEVICEID's char(64). SNAPSHOT, SINCE and V are Callwire's additions (the
 * event contract v2, README "Events: the contract"); a client written for the
 * real product never sends them:
 * - SNAPSHOT `Y`: first the calls in progress, each flagged `<SNAPSHOT>Y</SNAPSHOT>`;
 * - SINCE: a SEQ; first the held events after it (or REPLAYGONE and all held);
 * - V `2`: control documents (HEARTBEAT, SNAPSHOTEND, REPLAYGONE), also implied by SINCE.
 */
const EVENTS_FIELDS: FieldTable = {
  EVENTVALUE: { kind: 'list', itemMax: 64, declared: 'comma list of DEVICEID, char(64) each' },
  SNAPSHOT: { kind: 'choice', values: ['Y', 'N'], declared: "'Y', 'N'" },
  SINCE: { kind: 'integer', min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER), declared: 'a SEQ, integer 0-9007199254740991' },
  V: { kind: 'choice', values: ['1', '2'], declared: "'1', '2'" },
};

/**
 * EVENTS ("Event Interface", Request Command): starts the event stream of the
 * connection that sent it. Replies EVENTXREF (the subscription's id, carried
 * by every event it receives), EVENTCLASS and an empty EVENTTYPE, as the
 * manual's Request Result Schema shows; the events follow the reply on the
 * same connection.
 */
@injectable()
export class EventsCommand implements ApiCommand {
  readonly type = 'EVENTS';
  readonly fields = EVENTS_FIELDS;
  /** The stream is the connection's: relayed events reach every node. */
  readonly answeredOnEveryNode = true;

  constructor(
    @inject(TOKENS.EventBus) private readonly bus: EventBus,
    @inject(TOKENS.CallSnapshotSource) private readonly calls: CallSnapshotSource,
  ) {}

  handle(request: ApiRequest, { session }: RequestContext): ApiResult | Promise<ApiResult> {
    const channel = session.events;
    if (!channel) {
      // An HTTP request ends with its reply: there is nowhere to send events.
      return apiResult('API_COMMAND_NOT_ALLOWED', 'EVENTS needs a persistent connection: the TCP API port or the WebSocket /events');
    }
    const eventClass = parseEventClass(request.get('EVENTCLASS'));
    if (!eventClass) return apiResult('API_EVENT_TYPE_INVALID', eventClassProblem(request.get('EVENTCLASS')));
    if (channel.monitoring) {
      return apiResult('API_ERROR_ALREADY_MONITORING', 'this connection already monitors events; open another connection for another EVENTCLASS or EVENTVALUE');
    }
    const filter: EventFilter = { eventClass, deviceIds: parseDeviceIds(request.get('EVENTVALUE')) };
    const xref = this.bus.allocateXref();
    const wantsSnapshot = request.get('SNAPSHOT')?.toUpperCase() === 'Y';
    const sentSince = request.get('SINCE')?.trim();
    const since = sentSince ? Number(sentSince) : undefined;
    const start = (snapshot: readonly CallcopyEvent[] | undefined): ApiResult => {
      if (channel.monitoring) return apiResult('API_ERROR_ALREADY_MONITORING', 'this connection already monitors events');
      const matching = snapshot?.filter((event) => matchesFilter(filter, event));
      channel.monitor({ filter, xref, snapshot: matching, since, control: wantsControl(request.get('V')?.trim() === '2' ? 2 : 1, since) });
      return apiOk(undefined, { EVENTXREF: xref, EVENTCLASS: eventClass, EVENTTYPE: '' });
    };
    const snapshot = wantsSnapshot ? this.calls.snapshot() : undefined;
    return snapshot instanceof Promise ? snapshot.then(start) : start(snapshot);
  }
}
