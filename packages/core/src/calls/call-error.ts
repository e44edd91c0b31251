/** Why a call signal could not be carried out; handlers map each to its result code. */
export type CallErrorReason =
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
  /** Callwire is stopping and takes no new calls (API_ERROR_SCHEDULER_NOT_RUNNING). */
  | 'STOPPING';

/** A call signal the domain refused, with a message fit for RESULTMSG. */
export class CallError extends Error {
  override readonly name = 'CallError';

  constructor(
    readonly reason: CallErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The manual's wording when a device cannot be found. */
export const DEVICE_NOT_FOUND = 'Could not find a device matching given parameters';

/** The manual's wording of API_DEVICE_INVALID for the blackout functions. */
export const DEVICE_INVALID_FOR_BLACKOUT = 'Could not find a valid device from the given parameters';
