import type { LineCallState } from '../protocol/line-call-state.js';
import type { CallPhase } from './tapi-call.js';

/** When a call becomes a Callwire call (option `start`). */
export interface StartPolicy {
  readonly inbound: 'connected' | 'offering';
  readonly outbound: 'dialing' | 'connected';
}

/** The part of a call the machine reads. */
export interface CallView {
  readonly phase: CallPhase;
  readonly held: boolean;
  readonly carriesLiveConference: boolean;
}

/** What a state change asks for; the follower carries each out on the CallService. */
export type Step =
  | { readonly kind: 'start' }
  | { readonly kind: 'hold' }
  | { readonly kind: 'retrieve' }
  | { readonly kind: 'stop'; readonly why: string }
  /** A pending call is over without ever having started (missed, or an attempt not followed). */
  | { readonly kind: 'end'; readonly why: string }
  | { readonly kind: 'conference' }
  /** The handle was reused for a new call: forget the old one and read the state again. */
  | { readonly kind: 'reset' }
  /** IDLE: the handle is gone. */
  | { readonly kind: 'forget' }
  /** Nothing to do, with the reason (logged at debug). */
  | { readonly kind: 'note'; readonly why: string };

const INBOUND_ARRIVAL: ReadonlySet<LineCallState> = new Set(['OFFERING', 'ACCEPTED']);
const OUTBOUND_PROGRESS: ReadonlySet<LineCallState> = new Set(['DIALTONE', 'DIALING', 'PROCEEDING', 'RINGBACK']);
/** The states of a call on hold (plain, or pending a conference or transfer). */
export const HOLDING: ReadonlySet<LineCallState> = new Set(['ONHOLD', 'ONHOLDPENDCONF', 'ONHOLDPENDTRANSFER']);
/** CONNECTED modes meaning "connected, but at another station of a shared line". */
const ELSEWHERE: ReadonlySet<string> = new Set(['INACTIVE', 'INACTIVEHELD']);

/** A CONNECTED mode that means the call is not active at this station. */
export function connectedElsewhere(mode: string | undefined): boolean {
  return ELSEWHERE.has(mode ?? '');
}

/** The direction a call's first state implies, if any. */
export function directionHint(state: LineCallState): 'I' | 'O' | undefined {
  if (INBOUND_ARRIVAL.has(state)) return 'I';
  if (OUTBOUND_PROGRESS.has(state)) return 'O';
  return undefined;
}

/**
 * The per-call state machine: what a LINE_CALLSTATE means for a call in a
 * given phase. Pure, so every transition is readable in one place. TSPs send
 * duplicates and skip intermediate states; every state is read against
 * where the call stands rather than against the state before it, so both
 * are harmless.
 */
export function stepsFor(call: CallView, state: LineCallState, mode: string | undefined, policy: StartPolicy): Step[] {
  switch (call.phase) {
    case 'pending':
      return pending(state, mode, policy);
    case 'live':
      return live(call, state, mode);
    case 'merged':
      if (state === 'CONNECTED' && !connectedElsewhere(mode)) return [{ kind: 'start' }];
      return state === 'IDLE' ? [{ kind: 'forget' }] : [{ kind: 'note', why: `${state} of a call merged into a conference` }];
    case 'ended':
      // A handle is deallocated at IDLE and TAPI may hand it out again; a
      // call's first states on an ended handle are a new call.
      if (INBOUND_ARRIVAL.has(state) || OUTBOUND_PROGRESS.has(state)) return [{ kind: 'reset' }];
      return state === 'IDLE' ? [{ kind: 'forget' }] : [{ kind: 'note', why: `${state} after the call ended` }];
  }
}

function pending(state: LineCallState, mode: string | undefined, policy: StartPolicy): Step[] {
  if (INBOUND_ARRIVAL.has(state)) {
    return policy.inbound === 'offering' ? [{ kind: 'start' }] : [{ kind: 'note', why: `${state}: starts when answered` }];
  }
  if (OUTBOUND_PROGRESS.has(state)) {
    return policy.outbound === 'dialing' ? [{ kind: 'start' }] : [{ kind: 'note', why: `${state}: starts when answered` }];
  }
  switch (state) {
    case 'CONNECTED':
      return connectedElsewhere(mode) ? [{ kind: 'note', why: `connected at another station (${mode})` }] : [{ kind: 'start' }];
    case 'ONHOLD':
    case 'ONHOLDPENDCONF':
    case 'ONHOLDPENDTRANSFER':
      // Only an answered call can be held: the earlier states were missed.
      return [{ kind: 'start' }, { kind: 'hold' }];
    case 'CONFERENCED':
      return [{ kind: 'conference' }];
    case 'DISCONNECTED':
      return [{ kind: 'end', why: `ended before it was answered (${mode ?? 'no mode'})` }];
    case 'IDLE':
      return [{ kind: 'end', why: 'went idle before it was answered' }, { kind: 'forget' }];
    default:
      // BUSY, SPECIALINFO, UNKNOWN: progress of an attempt; DISCONNECTED or IDLE follows.
      return [{ kind: 'note', why: state }];
  }
}

function live(call: CallView, state: LineCallState, mode: string | undefined): Step[] {
  if (HOLDING.has(state)) return call.held ? [{ kind: 'note', why: `already held (${state})` }] : [{ kind: 'hold' }];
  switch (state) {
    case 'CONNECTED':
      if (connectedElsewhere(mode)) return call.held ? [] : [{ kind: 'hold' }];
      return call.held ? [{ kind: 'retrieve' }] : [{ kind: 'note', why: 'CONNECTED again' }];
    case 'CONFERENCED':
      return [{ kind: 'conference' }];
    case 'DISCONNECTED':
      if (call.carriesLiveConference) return [{ kind: 'note', why: 'a party left; the conference goes on' }];
      return [{ kind: 'stop', why: `disconnected (${mode ?? 'no mode'})` }];
    case 'IDLE':
      if (call.carriesLiveConference) return [{ kind: 'note', why: 'a party left; the conference goes on' }];
      return [{ kind: 'stop', why: 'went idle without DISCONNECTED' }, { kind: 'forget' }];
    default:
      // Duplicates of the first states, BUSY/SPECIALINFO, UNKNOWN.
      return [{ kind: 'note', why: `${state} of a call in progress` }];
  }
}
