/** `[from, to]`: 1-based character columns, both included. */
export type Columns = readonly [number, number];

/** Where the fields of one Mitel SMDR record are. */
export interface MitelLayout {
  /** Start time printed with seconds (Extended Reporting Level 2: `hh:mm:ssp`). */
  readonly seconds: boolean;
  /** Extended Digit Length (4-digit hours, 7-character parties). */
  readonly extended: boolean;
  readonly longCall: number;
  readonly date: Columns;
  readonly startTime: Columns;
  /** The `p` (PM) column after the start time. */
  readonly pm: number;
  readonly duration: Columns;
  readonly callingParty: Columns;
  /** The spacer after the calling party (the attendant flag with Extended Time to Answer). */
  readonly afterCallingParty: number;
  readonly digitsDialed: Columns;
  readonly calledParty: Columns;
  /** `T` transfer, `C` conference. */
  readonly transferFlag: number;
  readonly thirdParty: Columns;
  readonly accountCode: Columns;
  readonly ani?: Columns;
  readonly dnis?: Columns;
}

/**
 * Mitel MiVoice Business / 3300 / SX-2000 SMDR columns, from Mitel's
 * "Summary of Fields in SMDR Records" (standard record, 90 characters):
 *
 * ```
 * zmm/dd hh:mmp hh:mm:ss pppp fttt xxxxxxxxxxxxxxxxxxxxxxxxxx hsqqqqk rrrr aaaaaaaaaaaasiii
 * 1 2-6  8-13   15-22    24-27 29-32 34-59                   60..66 68-71 73-84
 * ```
 *
 * ANI/DNIS reporting appends ` aaaaaaaaaa dddddddddd` (92–101, 103–112).
 * Extended Digit Length widens the duration to `hhhh:mm:ss` (15–24), the
 * calling party to 7 characters (26–32), moves the attendant flag and time to
 * answer to 34–37 and the digits dialed to 39–64; the called and third
 * parties become 7 characters (67–73, 76–82) and the account code 84–95.
 * Extended Reporting Level 2 prints the start time with seconds, which moves
 * every later column 3 to the right.
 */
export function mitelLayout(seconds: boolean, extended: boolean, meterPulses: boolean): MitelLayout {
  const s = seconds ? 3 : 0;
  const at = (from: number, to: number): Columns => [from + s, to + s];
  const digitsWidth = meterPulses ? 21 : 26;
  const common = { seconds, extended, longCall: 1, date: [2, 6] as Columns, startTime: [8, 12 + s] as Columns, pm: 13 + s };
  if (!extended) {
    return {
      ...common,
      duration: at(15, 22), callingParty: at(24, 27), afterCallingParty: 28 + s, digitsDialed: at(34, 33 + digitsWidth),
      calledParty: at(62, 65), transferFlag: 66 + s, thirdParty: at(68, 71), accountCode: at(73, 84), ani: at(92, 101), dnis: at(103, 112),
    };
  }
  return {
    ...common,
    duration: at(15, 24), callingParty: at(26, 32), afterCallingParty: 33 + s, digitsDialed: at(39, 38 + digitsWidth),
    calledParty: at(67, 73), transferFlag: 74 + s, thirdParty: at(76, 82), accountCode: at(84, 95),
  };
}

/** The text in `columns` of `line` (blank past its end). */
export function columnText(line: string, [from, to]: Columns): string {
  return line.slice(from - 1, to);
}
