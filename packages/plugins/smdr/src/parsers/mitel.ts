import type { CallDetailRecord, Clock } from '@callwire/plugin-api';
import { parseDuration } from '../time/duration.js';
import { inferYear } from '../time/infer-year.js';
import { epochOfWallTime, isValidWallTime } from '@callwire/plugin-kit';
import { MIDDLE_OF_MINUTE } from '../time/middle-of-minute.js';
import { columnText, mitelLayout, type Columns, type MitelLayout } from './mitel-layout.js';
import { reject, type LineOutcome, type RecordParser } from './record-parser.js';

/** Options of the `mitel` parser. */
export interface MitelOptions {
  readonly timeZone?: string;
  readonly clock: 'auto' | '12h' | '24h';
  readonly extendedDigitLength: 'auto' | boolean;
  readonly meterPulses: boolean;
  readonly ani?: Columns;
  readonly dnis?: Columns;
}

const EXTENSION = /^[0-9*#]+$/;
const ATTENDANT = /^ATT?\d+$/;
const TRUNK = /^[TX]\d+$/;

/**
 * Mitel MiVoice Business / 3300 / SX-2000 SMDR: fixed-width, one record
 * per call, columns as in {@link mitelLayout}. Each record is read at the
 * columns of its layout, told from the record itself: seconds in the start
 * time, and a 4-digit-hour duration for Extended Digit Length (a record
 * without a duration is standard when the standard spacer after the calling
 * party is blank, else extended; set `extendedDigitLength` to skip the guess).
 *
 * - The date has no year: it is inferred (see inferYear) — the latest year
 *   that puts the call today or earlier in the PBX's zone, so 12/31 read on
 *   January 1st is last year's.
 * - A `p` after the start time is PM; see MitelOptions.clock for 12-hour
 *   PBXs. A start time without seconds is taken at the middle of its minute.
 * - The long-call flag (column 1: blank, `-`, `%`, `+`) must be one of those;
 *   the duration is read from its field (blank = 0).
 * - A calling party that is an extension (digits, `*`, `#`) or attendant
 *   (`ATTm`) makes an outbound record for it (ani = the extension, dnis = the
 *   digits dialed, else the called party); a called extension gets an inbound
 *   record too. A trunk (`Tnnn`, `Xnnn`) or blank calling party makes an
 *   inbound record for the called extension (ani/dnis from the ANI/DNIS
 *   columns when printed, else dnis = the digits received on the trunk).
 * - Transfer flag `T` or conference `C` with an extension as third party
 *   adds a record for the third party, same call direction and times.
 * - Digits fields keep their leading run of 0-9, `*`, `#` (Mitel pads them
 *   and, with metering, follows them with the meter pulses).
 */
export class MitelParser implements RecordParser {
  private lastExtended = false;

  constructor(
    private readonly options: MitelOptions,
    private readonly clock: Clock,
  ) {}

  parse(input: string): LineOutcome {
    // Some captures drop the blank long-call column of a short call.
    const line = /^\d\d\/\d\d /.test(input) ? ` ${input}` : input;
    if (!/^[ \-%+]\d\d\/\d\d /.test(line)) reject('not a Mitel record: expected the long-call flag and mm/dd in columns 1-6');
    const layout = this.layoutOf(line);
    if (line.length < layout.calledParty[0]) reject(`the record ends at column ${line.length}; a Mitel record reaches the called party at column ${layout.calledParty[0]}`);
    const at = (c: Columns) => columnText(line, c);
    const month = Number(at(layout.date).slice(0, 2));
    const day = Number(at(layout.date).slice(3, 5));
    const time = /^([ \d]\d):(\d\d)(?::(\d\d))?$/.exec(at(layout.startTime));
    if (!time) reject(`start time '${at(layout.startTime)}' is not hh:mm${layout.seconds ? ':ss' : ''}`);
    const pm = line[layout.pm - 1] ?? ' ';
    if (!/^[ pP]$/.test(pm)) reject(`'${pm}' after the start time is neither blank nor p (PM)`);
    let hour = Number(time[1]);
    if (pm !== ' ' || this.options.clock === '12h') {
      if (hour < 1 || hour > 12) reject(`hour ${hour} is not on a 12-hour clock`);
      hour = (hour % 12) + (pm === ' ' ? 0 : 12);
    }
    const year = inferYear(month, day, this.clock.now(), this.options.timeZone);
    const local = { year, month, day, hour, minute: Number(time[2]), second: time[3] === undefined ? MIDDLE_OF_MINUTE : Number(time[3]) };
    if (!isValidWallTime(local)) reject(`'${at(layout.date)} ${at(layout.startTime)}' is not a valid date and time`);
    const durationText = at(layout.duration);
    if (durationText.trim() !== '' && !/^\d+:\d\d:\d\d$/.test(durationText.trim())) reject(`duration '${durationText.trim()}' is not hh:mm:ss`);
    const durationSeconds = parseDuration(durationText) ?? 0;

    const calling = at(layout.callingParty).trim();
    const called = at(layout.calledParty).trim();
    const digits = dialString(at(layout.digitsDialed));
    const ani = this.optional(line, this.options.ani ?? layout.ani);
    const dnis = this.optional(line, this.options.dnis ?? layout.dnis);
    const base = { startTime: epochOfWallTime(local, this.options.timeZone), durationSeconds, accountCode: dialString(at(layout.accountCode)), raw: input };

    const records: CallDetailRecord[] = [];
    let direction: 'I' | 'O';
    if (EXTENSION.test(calling) || ATTENDANT.test(calling)) {
      direction = 'O';
      records.push({ ...base, deviceId: calling, direction, ani: calling, dnis: digits ?? (called || undefined) });
      if (EXTENSION.test(called)) records.push({ ...base, deviceId: called, direction: 'I', ani: calling, dnis: digits ?? called });
    } else if (calling === '' || TRUNK.test(calling)) {
      if (!EXTENSION.test(called) && !ATTENDANT.test(called)) reject(`no station in the record: calling party '${calling}', called party '${called}'`);
      direction = 'I';
      records.push({ ...base, deviceId: called, direction, ani, dnis: dnis ?? digits });
    } else {
      reject(`calling party '${calling}' is neither an extension, an attendant nor a trunk`);
    }
    const flag = line[layout.transferFlag - 1];
    const third = at(layout.thirdParty).trim();
    if ((flag === 'T' || flag === 'C') && EXTENSION.test(third) && !records.some((r) => r.deviceId === third)) {
      records.push({ ...records[0]!, deviceId: third, direction });
    }
    return { kind: 'records', records };
  }

  private layoutOf(line: string): MitelLayout {
    const seconds = line[12] === ':';
    const { extendedDigitLength, meterPulses } = this.options;
    if (typeof extendedDigitLength === 'boolean') return mitelLayout(seconds, extendedDigitLength, meterPulses);
    const s = seconds ? 3 : 0;
    const duration = line.slice(14 + s, 24 + s);
    let extended: boolean;
    if (/^\d{4}:\d\d:\d\d$/.test(duration)) extended = true;
    else if (/^\d\d:\d\d:\d\d/.test(duration)) extended = false;
    else if (duration.trim() === '') extended = !/[ *]/.test(line[27 + s] ?? ' ');
    else extended = this.lastExtended;
    this.lastExtended = extended;
    return mitelLayout(seconds, extended, meterPulses);
  }

  private optional(line: string, columns: Columns | undefined): string | undefined {
    if (!columns) return undefined;
    return columnText(line, columns).trim() || undefined;
  }
}

/** The leading run of dial characters of a padded field; undefined when there is none. */
export function dialString(text: string): string | undefined {
  return /^[0-9*#]+/.exec(text.trim())?.[0];
}
