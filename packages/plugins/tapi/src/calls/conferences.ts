import type { Clock } from '@callwire/plugin-api';
import type { LineCallState } from '../protocol/line-call-state.js';
import type { CallActions } from './call-actions.js';
import { connectedElsewhere, HOLDING } from './call-state-machine.js';
import type { CallTable } from './call-table.js';
import type { Conference, TapiCall } from './tapi-call.js';

/**
 * Conferences on a line. A conference is one conversation, so one Callwire
 * call carries it: the member that became a call first (usually the
 * customer's call, whose recording then runs for the whole conference).
 * Every other member ends when it joins — a consultation's recording covers
 * the consultation. The conference handle (hConfCall) is never a call of its
 * own: its states steer the carrier, and once it has been seen its end, not
 * the carrier's, ends the recording (the carrier's party may leave while the
 * others talk on).
 */
export class Conferences {
  constructor(
    private readonly table: CallTable,
    private readonly actions: CallActions,
    private readonly clock: Clock,
  ) {}

  /** CONFERENCED for `member`; `confHandle` is the conference (dwParam2), when the bridge sent it. */
  async join(member: TapiCall, confHandle: string | undefined): Promise<void> {
    if (confHandle === undefined) {
      // Without the conference handle nothing can be merged: the call goes on by itself.
      if (member.phase === 'pending') await this.actions.start(member);
      else await this.actions.retrieve(member);
      return;
    }
    let conference = this.table.conference(member.line, confHandle);
    if (!conference) {
      conference = this.table.addConference(member.line, confHandle);
      // Some TSPs report the conference handle before any member names it; it
      // was taken for a call of its own and now joins like a member.
      const early = this.table.get(member.line, confHandle);
      if (early && early !== member) {
        this.table.remove(early, this.clock.now());
        conference.seen = true;
        early.conference = conference;
        await this.add(conference, early);
      }
    }
    member.conference = conference;
    await this.add(conference, member);
  }

  /** A state of the conference handle itself. */
  async state(conference: Conference, state: LineCallState, mode: string | undefined): Promise<void> {
    conference.seen = true;
    const carrier = conference.carrier;
    if (state === 'CONNECTED' && !connectedElsewhere(mode)) {
      if (carrier) await this.actions.retrieve(carrier);
    } else if (HOLDING.has(state)) {
      if (carrier) await this.actions.hold(carrier);
    } else if (state === 'DISCONNECTED' || state === 'IDLE') {
      if (!conference.ended) {
        conference.ended = true;
        if (carrier) await this.actions.stop(carrier, 'the conference ended');
      }
      if (carrier?.idleSeen) this.table.remove(carrier, this.clock.now());
      if (state === 'IDLE') this.table.removeConference(conference);
    }
  }

  private async add(conference: Conference, member: TapiCall): Promise<void> {
    const carrier = conference.carrier;
    if (carrier === member) return this.actions.retrieve(member);
    if (carrier === undefined || carrier.phase !== 'live') {
      if (member.phase === 'pending' || member.phase === 'merged') await this.actions.start(member);
      if (member.phase === 'live') {
        conference.carrier = member;
        await this.actions.retrieve(member);
      }
      return;
    }
    if (member.phase === 'live' && member.startOrder < carrier.startOrder) {
      conference.carrier = member;
      await this.actions.stop(carrier, `merged into the conference carried by call ${member.handle}`, 'merged');
      await this.actions.retrieve(member);
    } else if (member.phase === 'live') {
      await this.actions.stop(member, `merged into the conference carried by call ${carrier.handle}`, 'merged');
    } else if (member.phase === 'pending') {
      member.phase = 'merged';
    }
  }
}
