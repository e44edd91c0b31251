/**
 * The second assumed for a time printed to the minute (`11:42p`, `10:03AM`):
 * the middle of that minute, so the record is at most 30 s off and the
 * ±5 s window in which a record is matched to a recording still meets every
 * call of 25 s or more.
 */
export const MIDDLE_OF_MINUTE = 30;
