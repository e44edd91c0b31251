import type { CallDetailRecord, Clock } from '@callwire/plugin-api';
import type { Logger } from '@callwire/plugin-api';
import { epochOfWallTime } from '@callwire/plugin-kit';
import { parseAvayaSegment, type AvayaSegment } from './avaya-ipo-segment.js';
import type { LineOutcome, RecordParser } from './record-parser.js';

/** Options of the `avaya-ipo` parser. */
export interface AvayaIpoOptions {
  readonly timeZone?: string;
  /** How long segments with Continuation = 1 wait for the call's last one. */
  readonly pendingTimeoutMs: number;
}

interface PendingCall {
  readonly segments: AvayaSegment[];
  readonly since: number;
}

interface Leg {
  readonly deviceId: string;
  fromSeconds: number;
  toSeconds: number;
  readonly first: AvayaSegment;
  readonly party: 1 | 2;
}

/**
 * Avaya IP Office SMDR (CSV). IP Office writes one line per call segment
 * when the whole call has ended; a transferred, picked-up, parked or
 * voicemail-diverted call has several segments with the same Call ID, every
 * one but the last with Continuation = 1. Segments are held until the last
 * one arrives (other calls' lines may come in between), then the call
 * becomes one CallDetailRecord per extension that took part:
 *
 * - Legs come from the party fields: Party1Device/Party2Device `E<ext>` is
 *   extension `<ext>` (trunks `T…`, voicemail `V…` and others are not
 *   devices). A device in several segments gets one record covering all of
 *   them — so the extension that transferred the call and the one that took
 *   it each get theirs, with the same callId. The External Targeting fields
 *   name users, not devices: they stay in `raw` only.
 * - Every segment carries the same Call Start, so the segments are laid end
 *   to end: segment n starts when n-1 ended (its ring + connected + hold +
 *   park). A leg runs from its first segment's answer (start + ring) to its
 *   last segment's end; durationSeconds is that span (0 for a leg that only
 *   rang).
 * - direction: `I` for an inbound call (Direction I); for Direction O the
 *   call's Party1 (the initiator) is `O` and a called extension `I`.
 * - ani = Caller, dnis = Dialled Number (the DDI of an inbound call, the
 *   digits dialled for an outbound one), else Called Number, both from the
 *   first segment the device is in; accountCode = the first non-blank
 *   Account; raw = all segment lines, in arrival order, joined by LF.
 */
export class AvayaIpoParser implements RecordParser {
  private readonly pending = new Map<string, PendingCall>();

  constructor(
    private readonly options: AvayaIpoOptions,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  parse(line: string): LineOutcome {
    const segment = parseAvayaSegment(line);
    const held = this.pending.get(segment.callId);
    const segments = [...(held?.segments ?? []), segment];
    if (segment.continuation) {
      this.pending.set(segment.callId, { segments, since: held?.since ?? this.clock.now() });
      return { kind: 'pending' };
    }
    this.pending.delete(segment.callId);
    const records = this.legs(segments);
    if (records.length === 0) {
      const parties = segments.flatMap((s) => [s.party1Device, s.party2Device]).filter((p) => p !== '');
      return { kind: 'ignored', reason: `call ${segment.callId} reached no extension (parties ${parties.join(', ') || 'none'})` };
    }
    return { kind: 'records', records };
  }

  flush(all: boolean): CallDetailRecord[] {
    const records: CallDetailRecord[] = [];
    const now = this.clock.now();
    for (const [callId, call] of this.pending) {
      if (!all && now - call.since < this.options.pendingTimeoutMs) continue;
      this.pending.delete(callId);
      this.log?.warn({ callId, segments: call.segments.length }, `IP Office call ${callId}: no last segment (Continuation = 0) arrived; recording the ${call.segments.length} that did`);
      records.push(...this.legs(call.segments));
    }
    return records;
  }

  /** Calls whose last segment has not arrived yet. */
  get pendingCalls(): number {
    return this.pending.size;
  }

  private legs(segments: readonly AvayaSegment[]): CallDetailRecord[] {
    const legs = new Map<string, Leg>();
    let cursor = 0;
    for (const segment of segments) {
      const answered = cursor + segment.ringSeconds;
      const ended = answered + segment.connectedSeconds + segment.holdSeconds + segment.parkSeconds;
      for (const [party, device] of [[1, segment.party1Device], [2, segment.party2Device]] as const) {
        const ext = /^E(\S+)$/.exec(device)?.[1];
        if (ext === undefined) continue;
        const leg = legs.get(ext);
        if (leg) {
          leg.fromSeconds = Math.min(leg.fromSeconds, answered);
          leg.toSeconds = Math.max(leg.toSeconds, ended);
        } else {
          legs.set(ext, { deviceId: ext, fromSeconds: answered, toSeconds: ended, first: segment, party });
        }
      }
      cursor = ended;
    }
    const first = segments[0]!;
    const callStart = epochOfWallTime(first.callStart, this.options.timeZone);
    const accountCode = segments.map((s) => s.account).find((a) => a !== '');
    const raw = segments.map((s) => s.line).join('\n');
    return [...legs.values()].map((leg) => {
      const s = leg.first;
      return {
        deviceId: leg.deviceId,
        startTime: callStart + leg.fromSeconds * 1000,
        durationSeconds: leg.toSeconds - leg.fromSeconds,
        ani: s.caller || undefined,
        dnis: s.dialledNumber || s.calledNumber || undefined,
        direction: s.direction === 'I' ? 'I' : leg.party === 1 ? 'O' : 'I',
        callId: s.callId,
        accountCode,
        raw,
      };
    });
  }
}
