import type { Clock } from '@callwire/plugin-api';
import { parseDuration } from '../time/duration.js';
import { expandTwoDigitYear } from '../time/infer-year.js';
import { epochOfWallTime, isValidWallTime } from '@callwire/plugin-kit';
import { MIDDLE_OF_MINUTE } from '../time/middle-of-minute.js';
import { reject, type LineOutcome, type RecordParser } from './record-parser.js';

/** Options of the `panasonic` parser. */
export interface PanasonicOptions {
  readonly timeZone?: string;
  readonly dateOrder: 'MDY' | 'DMY';
}

const HEAD = /^(\d\d)\/(\d\d)\/(\d\d)\s+(\*?)\s*(\d{1,2}):(\d\d)\s*([AP]M)\s+(\S+)(.*)$/;
const DURATION = /(?:^|\s)(\d{1,2}:\d\d'\d\d)(?=\s|$)/;
const RING = /(?:^|\s)(\d{1,2}'\d\d)(?=\s|$)/;
const CONDITION_CODE = /\s{2,}([A-Z]{2})$/;

/**
 * Panasonic KX-TD/TDA/TDE/TA/NCP/NS SMDR, the printer report:
 * `Date Time Ext CO Dial-Number Ring Duration Acc-code CD`. Columns differ
 * between models, so a record is read field by field rather than at fixed
 * columns: date and time, extension, optional CO line, the dial field up to
 * the ring time (`m'ss`) or duration (`hh:mm'ss`), then account code and
 * condition code (TR, FW, RC, AN, NA…).
 *
 * - Page headers (`Date Time Ext CO …`), rulers and blank lines are ignored,
 *   and so are `LOG IN` / `LOG OUT` events.
 * - The printed time is when the call ENDED, to the minute: startTime is
 *   that minute's middle minus the duration. A record without a duration
 *   (an unanswered KX-TD816 call) lasts 0 s.
 * - `<I>` marks an incoming call; the caller's number (if shown) after it is
 *   the ani. `<D>digits<I>` adds the DDI/DID the caller dialled, which is the
 *   dnis. `< incoming >` (KX-TA) is incoming without a number. `EXT1235` is an
 *   intercom call to 1235 (outbound, dnis 1235). Anything else is the number
 *   dialled (outbound, dnis as printed without blanks, `P` pauses and `-`
 *   kept). A `*` before the time (transferred, KX-TA) is accepted.
 * - Two-digit years: the latest year ending so that is not after next year.
 *   Account codes that are only dots (`....`, hidden) are left out.
 */
export class PanasonicParser implements RecordParser {
  constructor(
    private readonly options: PanasonicOptions,
    private readonly clock: Clock,
  ) {}

  parse(line: string): LineOutcome {
    if (/^\s*Date\s+Time\s+Ext\b/i.test(line)) return { kind: 'ignored', reason: 'page header' };
    if (/^[-=\s]+$/.test(line)) return { kind: 'ignored', reason: 'ruler' };
    const head = HEAD.exec(line);
    if (!head) reject('not a Panasonic record: expected date, time (hh:mmAM/PM) and extension');
    const [, a, b, yy, , hh, mm, ampm, ext, rest] = head;
    const [month, day] = this.options.dateOrder === 'MDY' ? [Number(a), Number(b)] : [Number(b), Number(a)];
    let body = rest!.trim();
    if (/^LOG\s*(IN|OUT)\b/i.test(body)) return { kind: 'ignored', reason: `extension ${ext} ${body}` };
    const hour = Number(hh);
    if (hour < 1 || hour > 12) reject(`hour ${hour} is not on a 12-hour clock`);
    const year = expandTwoDigitYear(Number(yy), this.clock.now(), this.options.timeZone);
    const end = { year, month, day, hour: (hour % 12) + (ampm === 'PM' ? 12 : 0), minute: Number(mm), second: MIDDLE_OF_MINUTE };
    if (!isValidWallTime(end)) reject(`'${a}/${b}/${yy} ${hh}:${mm}${ampm}' is not a valid date and time`);

    const co = /^(\d{1,2})\s+/.exec(body);
    if (co) body = body.slice(co[0].length);
    const duration = DURATION.exec(body);
    const ring = RING.exec(duration ? body.slice(0, duration.index) : body);
    const cut = Math.min(ring?.index ?? Infinity, duration?.index ?? Infinity);
    let dial = cut === Infinity ? body : body.slice(0, cut);
    let tail = '';
    if (duration) tail = body.slice(duration.index + duration[0].length);
    else if (ring) tail = body.slice(ring.index + ring[0].length);
    else {
      const code = CONDITION_CODE.exec(dial);
      if (code) {
        tail = code[1]!;
        dial = dial.slice(0, code.index);
      }
    }
    const tailTokens = tail.trim().split(/\s+/).filter((t) => t !== '');
    if (tailTokens.length > 0 && /^[A-Z]{2}$/.test(tailTokens.at(-1)!)) tailTokens.pop();
    if (tailTokens.length > 1) reject(`unexpected '${tailTokens.join(' ')}' after the duration: expected an account code and a condition code`);
    const account = tailTokens[0] !== undefined && !/^\.+$/.test(tailTokens[0]) ? tailTokens[0] : undefined;

    const call = readDialField(dial.trim());
    const durationSeconds = duration ? parseDuration(duration[1]!.replace("'", ':'))! : 0;
    return {
      kind: 'records',
      records: [{
        deviceId: ext!,
        startTime: epochOfWallTime(end, this.options.timeZone) - durationSeconds * 1000,
        durationSeconds,
        direction: call.direction,
        ani: call.ani,
        dnis: call.dnis,
        accountCode: account,
        raw: line,
      }],
    };
  }
}

function readDialField(dial: string): { direction: 'I' | 'O'; ani?: string; dnis?: string } {
  const ddi = /^<D>(.*?)<I>(.*)$/.exec(dial);
  if (ddi) return { direction: 'I', dnis: ddi[1]!.trim() || undefined, ani: callerNumber(ddi[2]!) };
  if (dial.startsWith('<I>')) return { direction: 'I', ani: callerNumber(dial.slice(3)) };
  if (/^<\s*incoming\s*>$/i.test(dial)) return { direction: 'I' };
  const intercom = /^EXT\s*(\S+)$/.exec(dial);
  if (intercom) return { direction: 'O', dnis: intercom[1] };
  const number = dial.replace(/\s+/g, '');
  if (number === '') reject('no number dialled and no incoming marker (<I>)');
  if (!/^[0-9*#PX.\-+]+$/.test(number)) reject(`dial field '${dial}' is neither a dialled number nor an incoming call`);
  return { direction: 'O', dnis: number };
}

function callerNumber(text: string): string | undefined {
  return /^[0-9*#+]+/.exec(text.trim())?.[0];
}
