import { CALL_DATA_LIMITS, type CallDataLimit, type FieldRule } from '@callwire/plugin-api';
import { FIELD_LIMITS } from '../protocol/field-limits.js';
import { fieldProblem } from '../protocol/validate-fields.js';
import { CallError } from './call-error.js';
import type { CallData, CallIdentity } from './call-fields.js';

/** What one signal sends: its device, its call data, and any other parameters by the manual's name. */
export interface CallInput {
  readonly identity?: CallIdentity;
  readonly data?: CallData & { readonly deviceId?: string };
  /** Parameters that are not call data: SESSIONID, KEYVALUE, TIMEOFFSET, RECORDID … */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** A value sent, under its manual name, with the call-data rule it has when the function's table lacks it. */
type Sent = readonly [parameter: string, value: unknown, fallback: FieldRule | undefined];

/**
 * The domain's guard, for every caller (the XML API and WebAPI handlers,
 * input plugins, the engine itself): refuses a signal when a value breaks
 * the manual's field table of `functionName` (call handling unless told) —
 * too long, out of range, not one of its choices, or not of its kind.
 * Call it before anything else, so a refused signal changes nothing. The
 * XML door checks raw strings first and names every bad parameter; this
 * names the first. A character XML 1.0 forbids is the door's to refuse: from
 * a plugin it is carried, and the serializer writes U+FFFD for it.
 * @throws CallError FIELD_INVALID, `field` the parameter's manual name (`ANI`)
 */
export function checkCallInput(input: CallInput, functionName = 'CALLSTART'): void {
  const table = FIELD_LIMITS[functionName] ?? {};
  for (const [parameter, value, fallback] of sentValues(input)) {
    const rule = table[parameter] ?? fallback;
    const problem = rule && valueProblem(value, rule);
    if (problem) throw new CallError('FIELD_INVALID', `${parameter} ${problem}`, parameter);
  }
}

/** The limit of each CallData / CallIdentity key but `users`. */
const LIMIT_OF: ReadonlyMap<string, CallDataLimit> = new Map(
  Object.entries(CALL_DATA_LIMITS).filter((entry): entry is [string, CallDataLimit] => !Array.isArray(entry[1])),
);

/** Every value the input sends (undefined is "not sent"), by the manual's parameter name. */
function* sentValues({ identity = {}, data = {}, parameters = {} }: CallInput): Generator<Sent> {
  for (const source of [identity, data]) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (key === 'users') yield* sentUsers(value);
      const limit = LIMIT_OF.get(key);
      if (limit) yield [limit.parameter, value, limit.rule];
    }
  }
  for (const [parameter, value] of Object.entries(parameters)) if (value !== undefined) yield [parameter, value, undefined];
}

function* sentUsers(users: unknown): Generator<Sent> {
  if (!Array.isArray(users)) throw new CallError('FIELD_INVALID', 'USER1-USER15 must be a list (users[0] is USER1)', 'USER1');
  for (const [i, limit] of CALL_DATA_LIMITS.users.entries()) {
    if (users[i] !== undefined) yield [limit.parameter, users[i], limit.rule];
  }
}

/** Why a value breaks its rule (the door's wording), or undefined. */
function valueProblem(value: unknown, rule: FieldRule): string | undefined {
  if (rule.kind === 'integer') {
    if (typeof value !== 'number') return `must be an integer (${rule.declared}), not ${kindOf(value)}`;
    // compared as numbers: a bigint(8) the door let through may have been rounded to the nearest double
    const inRange = Number.isInteger(value) && value >= Number(rule.min) && value <= Number(rule.max);
    return inRange ? undefined : (fieldProblem(String(value), rule) ?? `must be ${rule.declared}, got ${value}`);
  }
  // the Y/N flags (AGENTINITIATED, CTIINITIATED) are booleans in CallData
  if (typeof value === 'boolean' && rule.kind === 'choice' && rule.values.join() === 'Y,N') return undefined;
  if (typeof value !== 'string') return `must be text (${rule.declared}), not ${kindOf(value)}`;
  return value === '' ? undefined : fieldProblem(value, rule);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
