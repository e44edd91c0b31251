import { inject, injectable } from 'inversify';
import type { CallSnapshotSource } from '../../calls/call-snapshot-source.js';
import type { EventBus, EventFilter } from '../../events/event-bus.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { FieldTable } from '../../protocol/field-limits.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { matchesFilter } from '../../events/event-bus.js';
import { eventClassProblem, parseDeviceIds, parseEventClass } from './event-subscription.js';

/**
 * EVENTS is not in the manual's data-type tables; these are the rules its
 * parameters need. EVENTVALUE items are DEVICEIDs, so each is held to
 * DEVICEID's char(64). SNAPSHOT is Callwire's addition (send the calls in
 * progress first); a client written for the real product never sends it.
 */
const EVENTS_FIELDS: FieldTable = {
  EVENTVALUE: { kind: 'list', itemMax: 64, declared: 'comma list of DEVICEID, char(64) each' },
  SNAPSHOT: { kind: 'choice', values: ['Y', 'N'], declared: "'Y', 'N'" },
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

  constructor(
    @inject(TOKENS.EventBus) private readonly bus: EventBus,
    @inject(TOKENS.CallSnapshotSource) private readonly calls: CallSnapshotSource,
  ) {}

  handle(request: ApiRequest, { session }: RequestContext): ApiResult {
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
    const snapshot = wantsSnapshot ? this.calls.snapshot().filter((event) => matchesFilter(filter, event)) : [];
    channel.monitor(filter, xref, snapshot);
    return apiOk(undefined, { EVENTXREF: xref, EVENTCLASS: eventClass, EVENTTYPE: '' });
  }
}
