/** Why a call signal could not be carried out; handlers map each to its result code. */
export type CallErrorReason =
  /** A value breaks the manual's field table (too long, not a number, not one of the choices), or holds a character XML forbids; `field` names it (API_PARAMETERS_INVALID). */
  | 'FIELD_INVALID'
  /** No device matches the identifying parameters (API_DEVICE_INVALID). */
  | 'DEVICE_INVALID'
  /** The device has no call to stop or update (API_DEVICE_NOT_IN_CALL). */
  | 'NOT_IN_CALL'
  /** No recorder channel is free, even by pre-emption (API_ERROR_NO_FREE_CHANNELS). */
  | 'NO_FREE_CHANNELS'
  /** No schedule says to record this call (API_DID_NOT_MATCH_A_SCHEDULE). */
  | 'NO_SCHEDULE'
  /** The call is not being recorded (API_DEVICE_NOT_RECORDING). */
  | 'NOT_RECORDING'
  /** No stored recording to update (API_RECORDID_INVALID). */
  | 'RECORDID_INVALID'
  /** No agent matches (API_AGENT_NOT_FOUND). */
  | 'AGENT_NOT_FOUND'
  /** A blackout stop with none open, or a second start (API_BLACKOUT_INVALID_STATE). */
  | 'BLACKOUT_INVALID_STATE'
  /** A CHATSTART for a session already running (API_ERROR_ALREADY_RECORDING). */
  | 'ALREADY_RECORDING'
  /** No chat session with that SESSIONID (API_SESSIONID_UNSPECIFIED). */
  | 'SESSION_UNKNOWN'
  /** The recordings path is below its free-space floor (API_ERROR_OUT_OF_DISK_SPACE). */
  | 'OUT_OF_DISK_SPACE'
  /** The recorder core refused the recording or did not answer in time (API_ERROR_RECORDER_NOT_RUNNING). */
  | 'RECORDER_NOT_RUNNING'
  /** The database could not be used for the signal; nothing of it was kept (API_DATABASE_QUERY_ERROR). */
  | 'DATABASE_ERROR'
  /** Callwire is stopping and takes no new calls (API_ERROR_SCHEDULER_NOT_RUNNING). */
  | 'STOPPING';

const BRAND = Symbol.for('callwire.CallError');

/**
 * A call signal the domain refused, with a message fit for RESULTMSG. Every
 * door gets the same one: the XML API and the WebAPI answer its result code,
 * a plugin catches it. `field` names the parameter at fault, when one is
 * (`ANI` for an ANI longer than char(20)).
 *
 * `instanceof CallError` holds for a CallError made by any copy of this
 * package, so a plugin installed with its own copy can still catch it.
 */
export class CallError extends Error {
  override readonly name = 'CallError';
  declare readonly [BRAND]: true;

  constructor(
    readonly reason: CallErrorReason,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isCallError(value);
  }
}

/** True for a CallError from any copy of @callwire/plugin-api. */
export function isCallError(value: unknown): value is CallError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
