import { isValidWallTime, type WallTime } from '@callwire/plugin-kit';
import { MIDDLE_OF_MINUTE } from '../time/middle-of-minute.js';
import { parseDuration } from '../time/duration.js';
import { reject } from './record-parser.js';

/**
 * One line of IP Office SMDR: one segment of a call. The 30 documented
 * fields, in order (R11 appends 5 more, which are kept in `line` only):
 * Call Start, Connected Time, Ring Time, Caller, Direction, Called Number,
 * Dialled Number, Account, Is Internal, Call ID, Continuation, Party1Device,
 * Party1Name, Party2Device, Party2Name, Hold Time, Park Time, AuthValid,
 * AuthCode, User Charged, Call Charge, Currency, Amount at Last User Change,
 * Call Units, Units at Last User Change, Cost per Unit, Mark Up, External
 * Targeting Cause, External Targeter Id, External Targeted Number.
 */
export interface AvayaSegment {
  readonly line: string;
  /** Call Start: the same in every segment of a call. */
  readonly callStart: WallTime;
  readonly connectedSeconds: number;
  readonly ringSeconds: number;
  readonly caller: string;
  readonly direction: 'I' | 'O';
  readonly calledNumber: string;
  readonly dialledNumber: string;
  readonly account: string;
  readonly callId: string;
  /** 1: more segments of this call follow. */
  readonly continuation: boolean;
  readonly party1Device: string;
  readonly party1Name: string;
  readonly party2Device: string;
  readonly party2Name: string;
  readonly holdSeconds: number;
  readonly parkSeconds: number;
  readonly externalTargetingCause: string;
  readonly externalTargeterId: string;
  readonly externalTargetedNumber: string;
}

/**
 * The fewest fields a segment may have: up to Park Time. The manual's own
 * examples stop there; a full record has 30 (35 from R11). Missing trailing
 * fields read as blank.
 */
export const AVAYA_MIN_FIELDS = 17;

const CALL_START = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads one CSV line (no quoting: IP Office never quotes) into a segment; throws RejectedLine. */
export function parseAvayaSegment(line: string): AvayaSegment {
  const f = line.split(',');
  if (f.length < AVAYA_MIN_FIELDS) reject(`${f.length} comma-separated fields; an IP Office record has at least ${AVAYA_MIN_FIELDS} (30 in full)`);
  const field = (i: number) => (f[i] ?? '').trim();
  const start = CALL_START.exec(field(0));
  if (!start) reject(`Call Start '${field(0)}' is not YYYY/MM/DD HH:MM:SS`);
  const [, y, mo, d, h, mi, s] = start.map(Number);
  const callStart = { year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: s === undefined || Number.isNaN(s) ? MIDDLE_OF_MINUTE : s };
  if (!isValidWallTime(callStart)) reject(`Call Start '${field(0)}' is not a valid date and time`);
  if (!/^\d+:\d{2}:\d{2}$/.test(field(1))) reject(`Connected Time '${field(1)}' is not HH:MM:SS`);
  const direction = field(4);
  if (direction !== 'I' && direction !== 'O') reject(`Direction '${direction}' is neither I nor O`);
  if (!/^\d+$/.test(field(9))) reject(`Call ID '${field(9)}' is not a number`);
  if (field(10) !== '0' && field(10) !== '1') reject(`Continuation '${field(10)}' is neither 0 nor 1`);
  return {
    line,
    callStart,
    connectedSeconds: parseDuration(field(1))!,
    ringSeconds: seconds(field(2), 'Ring Time'),
    caller: field(3),
    direction,
    calledNumber: field(5),
    dialledNumber: field(6),
    account: field(7),
    callId: field(9),
    continuation: field(10) === '1',
    party1Device: field(11),
    party1Name: field(12),
    party2Device: field(13),
    party2Name: field(14),
    holdSeconds: seconds(field(15), 'Hold Time'),
    parkSeconds: seconds(field(16), 'Park Time'),
    externalTargetingCause: field(27),
    externalTargeterId: field(28),
    externalTargetedNumber: field(29),
  };
}

function seconds(text: string, name: string): number {
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) reject(`${name} '${text}' is not a number of seconds`);
  return Number(text);
}
