import { inferYear, expandTwoDigitYear } from './infer-year.js';
import { isValidWallTime, type WallTime } from '@callwire/plugin-kit';
import { MIDDLE_OF_MINUTE } from './middle-of-minute.js';

type Token = 'YYYY' | 'YY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'hh' | 'h' | 'mm' | 'ss' | 'A';

const TOKENS: readonly [Token, string][] = [
  ['YYYY', '(\\d{4})'], ['YY', '(\\d{2})'],
  ['MM', '(\\d{2})'], ['M', ' ?(\\d{1,2})'],
  ['DD', '(\\d{2})'], ['D', ' ?(\\d{1,2})'],
  ['HH', '(\\d{2})'], ['H', ' ?(\\d{1,2})'],
  ['hh', '(\\d{2})'], ['h', ' ?(\\d{1,2})'],
  ['mm', '(\\d{2})'], ['ss', '(\\d{2})'],
  ['A', '\\s*([AaPp])[Mm]?'],
];

/**
 * A date/time format as written in the plugin's options, e.g.
 * `YYYY/MM/DD HH:mm:ss`, `MM/DD hh:mmA`, `DD.MM.YY H:mm`. Tokens: `YYYY`
 * `YY` year, `MM`/`M` month, `DD`/`D` day, `HH`/`H` hour 0–23, `hh`/`h`
 * hour 1–12 with `A` (AM/PM, A/P, any case), `mm` minute, `ss` second; the
 * one-letter forms also take one digit or a space-padded one. A space
 * matches any run of blanks; every other character stands for itself.
 * Without a year the year is inferred (see inferYear); without seconds the
 * middle of the minute is taken.
 */
export class TimePattern {
  private readonly regex: RegExp;
  private readonly tokens: Token[] = [];

  constructor(readonly format: string) {
    let source = '';
    let rest = format;
    while (rest.length > 0) {
      const token = TOKENS.find(([name]) => rest.startsWith(name));
      if (token) {
        this.tokens.push(token[0]);
        source += token[1];
        rest = rest.slice(token[0].length);
      } else {
        source += rest[0] === ' ' ? '\\s+' : rest[0]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        rest = rest.slice(1);
      }
    }
    const has = (...names: Token[]) => names.some((n) => this.tokens.includes(n));
    if (!has('MM', 'M') || !has('DD', 'D')) throw new Error(`time format '${format}' needs a month (MM) and a day (DD)`);
    if (!has('HH', 'H', 'hh', 'h') || !has('mm')) throw new Error(`time format '${format}' needs an hour (HH or hh) and minutes (mm)`);
    if (has('hh', 'h') !== has('A')) throw new Error(`time format '${format}': a 12-hour hour (hh) goes with an AM/PM marker (A), and A with hh`);
    this.regex = new RegExp(`^\\s*${source}\\s*$`);
  }

  /** The wall-clock time `text` names; throws when it does not match the format or is not a real date. */
  parse(text: string, now: number, timeZone?: string): WallTime {
    const match = this.regex.exec(text);
    if (!match) throw new Error(`'${text.trim()}' does not match the time format '${this.format}'`);
    const value = (name: Token): number | undefined => {
      const i = this.tokens.indexOf(name);
      return i === -1 ? undefined : Number(match[i + 1]);
    };
    const marker = this.tokens.includes('A') ? match[this.tokens.indexOf('A') + 1]!.toUpperCase() : undefined;
    const month = (value('MM') ?? value('M'))!;
    const day = (value('DD') ?? value('D'))!;
    let hour = (value('HH') ?? value('H') ?? value('hh') ?? value('h'))!;
    if (marker !== undefined) {
      if (hour < 1 || hour > 12) throw new Error(`'${text.trim()}': hour ${hour} is not on a 12-hour clock`);
      hour = (hour % 12) + (marker === 'P' ? 12 : 0);
    }
    const yy = value('YY');
    const year = value('YYYY') ?? (yy !== undefined ? expandTwoDigitYear(yy, now, timeZone) : inferYear(month, day, now, timeZone));
    const local = { year, month, day, hour, minute: value('mm')!, second: value('ss') ?? MIDDLE_OF_MINUTE };
    if (!isValidWallTime(local)) throw new Error(`'${text.trim()}' is not a valid date and time`);
    return local;
  }
}
