/** RFC 4733 §3.2 event codes 0–15 as the digits they are. */
const DIGITS = '0123456789*#ABCD';

/** A DTMF digit heard on a leg, with when (ms since epoch). */
export interface DtmfDigit {
  readonly digit: string;
  readonly at: number;
}

/**
 * Reads an RFC 4733 telephone-event payload: the digit, and whether this
 * packet ends the event. Undefined for a payload too short or an event
 * that is not a DTMF digit (flash, tones).
 */
export function readDtmfEvent(payload: Uint8Array): { digit: string; end: boolean } | undefined {
  if (payload.length < 4) return undefined;
  const event = payload[0]!;
  if (event >= DIGITS.length) return undefined;
  return { digit: DIGITS[event]!, end: (payload[1]! & 0x80) !== 0 };
}
