import { canonicalParameterName } from './parameter-aliases.js';
import { codePointLabel, firstIllegalXmlChar, replaceIllegalXmlChars } from './xml-chars.js';

const NONE: readonly string[] = Object.freeze([]);

/**
 * One API request, the same whichever door it came through (XML over TCP,
 * WebAPI query string, WebSocket). Parameter names are upper-case and in their
 * canonical spelling (see parameter-aliases.ts); values are trimmed, inner
 * spaces kept. A parameter sent more than once keeps every value, in order.
 */
export class ApiRequest {
  /** The function, e.g. `CALLSTART` (upper-case, trimmed); '' when none was sent. */
  readonly type: string;
  /** REQUESTID exactly as sent (trimmed), or undefined when absent. */
  readonly requestId: string | undefined;
  /** Alias pairs sent with different values, e.g. `USERID/USER_ID`. */
  readonly conflicts: readonly string[];
  /**
   * One message per parameter name or value (TYPE and REQUESTID included)
   * holding a character XML 1.0 forbids (xml-chars.ts), e.g. `ANI holds
   * U+0001, …`; empty when there is none. Such a request is refused
   * (API_PARAMETERS_INVALID): the value could never be written back as XML.
   * The messages themselves hold no such character.
   */
  readonly illegalCharacters: readonly string[];

  private constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    conflicts: string[],
    illegalCharacters: readonly string[],
  ) {
    this.type = (values.get('TYPE')?.[0] ?? '').trim().toUpperCase();
    this.requestId = values.get('REQUESTID')?.[0];
    this.conflicts = conflicts;
    this.illegalCharacters = illegalCharacters;
  }

  /**
   * Builds a request from (name, value) pairs in the order they were sent.
   * Names are normalized; an alias and its canonical name sent with different
   * values are recorded in `conflicts`.
   */
  static fromFields(fields: Iterable<readonly [string, string]>): ApiRequest {
    const values = new Map<string, string[]>();
    const spelling = new Map<string, string>();
    const conflicts: string[] = [];
    let illegal: string[] | undefined;
    for (const [rawName, rawValue] of fields) {
      const sent = rawName.trim().toUpperCase();
      const name = canonicalParameterName(sent);
      const value = rawValue.trim();
      const problem = illegalCharacterProblem(sent, value);
      if (problem !== undefined) (illegal ??= []).push(problem);
      const list = values.get(name);
      if (!list) {
        values.set(name, [value]);
        spelling.set(name, sent);
        continue;
      }
      const first = spelling.get(name)!;
      if (first !== sent && list[0] !== value) conflicts.push(`${name}/${sent === name ? first : sent}`);
      else if (first === sent) list.push(value);
    }
    return new ApiRequest(values, conflicts, illegal ?? NONE);
  }

  /** The first value of a parameter, or undefined. */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** The value of a parameter when sent and not blank, else undefined. */
  nonBlank(name: string): string | undefined {
    const value = this.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** Every value of a parameter, in the order sent. */
  getAll(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Every (name, value) as kept — canonical names, TYPE and REQUESTID too — from which `fromFields` builds the same request (another node's copy). */
  fields(): [string, string][] {
    return [...this.values].flatMap(([name, list]) => list.map((value): [string, string] => [name, value]));
  }

  /** Parameter names other than TYPE and REQUESTID, in the order first sent. */
  parameterNames(): string[] {
    return [...this.values.keys()].filter((n) => n !== 'TYPE' && n !== 'REQUESTID');
  }
}

/**
 * Why a parameter cannot be taken, when its name or value (as kept: trimmed)
 * holds a character XML 1.0 forbids; the character is named by code point
 * and a bad name is shown with U+FFFD in its place.
 */
function illegalCharacterProblem(name: string, value: string): string | undefined {
  const inName = firstIllegalXmlChar(name);
  if (inName !== undefined) {
    return `parameter name '${replaceIllegalXmlChars(name)}' holds ${codePointLabel(inName)}, a character XML 1.0 does not allow`;
  }
  const inValue = firstIllegalXmlChar(value);
  return inValue === undefined ? undefined : `${name} holds ${codePointLabel(inValue)}, a character XML 1.0 does not allow`;
}
