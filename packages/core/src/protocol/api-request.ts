import { canonicalParameterName } from './parameter-aliases.js';

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

  private constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    conflicts: string[],
  ) {
    this.type = (values.get('TYPE')?.[0] ?? '').trim().toUpperCase();
    this.requestId = values.get('REQUESTID')?.[0];
    this.conflicts = conflicts;
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
    for (const [rawName, rawValue] of fields) {
      const sent = rawName.trim().toUpperCase();
      const name = canonicalParameterName(sent);
      const value = rawValue.trim();
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
    return new ApiRequest(values, conflicts);
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

  /** Parameter names other than TYPE and REQUESTID, in the order first sent. */
  parameterNames(): string[] {
    return [...this.values.keys()].filter((n) => n !== 'TYPE' && n !== 'REQUESTID');
  }
}
