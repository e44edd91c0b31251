import type { CallData } from '@callwire/plugin-api';
import type { ClientModeOptions } from '../options.js';
import type { CallSignal } from './call-signal.js';
import { FollowedCalls } from './followed-calls.js';
import { deviceLookup, type PbxProfile, type ProfileReading } from './pbx-profile.js';

/** A 30011 member's party: an extension, or the inbound/outbound trunk side. */
interface Party {
  number?: string;
  from?: string;
  to?: string;
  member_status?: string;
}

interface Member {
  extension?: Party;
  inbound?: Party;
  outbound?: Party;
}

/** Statuses of the party that placed the call (ALERT: hearing ringback; ANSWERED: its call was answered). */
const CALLER = new Set(['ALERT', 'ANSWERED']);
/** Statuses of the party being called (RING: ringing; ANSWER: answered, talking). */
const CALLEE = new Set(['RING', 'ANSWER']);

/**
 * Yeastar P-Series OpenAPI (`wss://pbx/openapi/v1.0/subscribe?access_token=…`).
 * After connecting, the profile subscribes to `topics`, and sends the
 * `heartbeat` text with every ping (Yeastar closes a socket idle for 60 s).
 * `msg` is a JSON string inside the JSON message; an object is read too.
 *
 * - 30011 Call Status Changed: each extension member is a call on that
 *   extension (instance: the call_id). ALERT starts it at once (the
 *   extension dialed: O); RING waits for the answer (I; at once with
 *   `startOnRing`); ANSWER / ANSWERED: answered (retrieved after HOLD);
 *   HOLD: held; BYE: the end. ANI and DNIS are the inbound or outbound
 *   trunk member's from/to; for an internal call, the calling and the called
 *   extension. CALLID is the call_id.
 * - 30008 Extension Call Status Changed `Idle`: every call of the extension
 *   is over (a lost BYE cannot leave a call open).
 * Other events (30012 New CDR…) are not followed.
 */
export class YeastarProfile implements PbxProfile {
  readonly heartbeatText = 'heartbeat';
  private readonly calls: FollowedCalls;
  private readonly deviceOf: (...names: string[]) => string | undefined;

  constructor(private readonly options: ClientModeOptions) {
    this.calls = new FollowedCalls(options.startOnRing);
    this.deviceOf = deviceLookup(options);
  }

  greeting(): string[] {
    return [JSON.stringify({ topic_list: this.options.topics })];
  }

  isChatter(text: string): boolean {
    return /^heartbeat( response)?$/i.test(text.trim());
  }

  read(message: Record<string, unknown>): ProfileReading {
    if ('errcode' in message) {
      const ok = message['errcode'] === 0;
      return { signals: [], note: ok ? 'subscription confirmed' : `the PBX refused: ${String(message['errmsg'])} (${String(message['errcode'])})` };
    }
    const type = Number(message['type']);
    const body = readMsg(message['msg']);
    if (body === undefined) return { signals: [], note: `event ${type} has no readable msg` };
    switch (type) {
      case 30011:
        return { signals: this.callStatus(body) };
      case 30008: {
        const device = typeof body['extension'] === 'string' ? this.deviceOf(body['extension']) : undefined;
        if (device === undefined || body['status'] !== 'Idle') return { signals: [], note: `extension ${String(body['extension'])} is ${String(body['status'])}` };
        return { signals: this.calls.endDevice(device) };
      }
      default:
        return { signals: [], note: `Yeastar event ${type} is not followed` };
    }
  }

  private callStatus(body: Record<string, unknown>): CallSignal[] {
    const callId = typeof body['call_id'] === 'string' ? body['call_id'] : undefined;
    const members = Array.isArray(body['members']) ? (body['members'] as Member[]) : [];
    if (callId === undefined) return [];
    const extensions = members.map((m) => m.extension).filter((e): e is Party => typeof e?.number === 'string');
    const trunk = members.find((m) => m.inbound)?.inbound ?? members.find((m) => m.outbound)?.outbound;
    const inbound = members.some((m) => m.inbound);
    const caller = extensions.find((e) => CALLER.has(e.member_status ?? ''));
    const callee = extensions.find((e) => CALLEE.has(e.member_status ?? ''));

    return extensions.flatMap((extension) => {
      const deviceId = this.deviceOf(extension.number!);
      if (deviceId === undefined) return [];
      const key = `${callId}/${extension.number}`;
      const at = { deviceId, instance: callId };
      const direction = trunk ? (inbound ? 'I' : 'O') : extension === caller ? 'O' : extension === callee ? 'I' : undefined;
      const data: CallData = trunk
        ? { ani: trunk.from || undefined, dnis: trunk.to || undefined, direction, callId }
        : { ani: caller?.number, dnis: callee?.number, direction, callId };
      switch (extension.member_status) {
        case 'ALERT':
          return this.calls.dial(key, at, data);
        case 'RING':
          return this.calls.ring(key, at, data);
        case 'ANSWER':
        case 'ANSWERED':
          return this.calls.answer(key, at, data);
        case 'HOLD':
          return this.calls.hold(key, at, data);
        case 'BYE':
          return this.calls.end(key);
        default:
          return [];
      }
    });
  }
}

/** Yeastar double-encodes `msg` (a JSON string inside the JSON); an object is accepted too. */
function readMsg(msg: unknown): Record<string, unknown> | undefined {
  let value = msg;
  if (typeof msg === 'string') {
    try {
      value = JSON.parse(msg);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
