import type { ApiRequest } from './api-request.js';
import type { FieldRule, FieldTable } from './field-limits.js';
import { firstIllegalXmlChar } from './xml-chars.js';

const INTEGER = /^[+-]?\d+$/;

/**
 * Checks every parameter of a request that its table names, after the check
 * every parameter gets, named in a table or not: no character XML 1.0 forbids
 * in its name or value (ApiRequest.illegalCharacters, reported first; such a
 * value gets no other message). Returns one message per bad parameter (empty
 * when all are good). A blank value is left to the handler: many clients
 * send empty tags for "not given".
 */
export function validateFields(request: ApiRequest, table: FieldTable): string[] {
  const problems: string[] = [...request.illegalCharacters];
  for (const name of request.parameterNames()) {
    const rule = table[name];
    if (!rule) continue;
    for (const value of request.getAll(name)) {
      if (value === '' || firstIllegalXmlChar(value) !== undefined) continue;
      const problem = fieldProblem(value, rule);
      if (problem) problems.push(`${name} ${problem}`);
    }
  }
  return problems;
}

/** Why `value` breaks `rule` (`is 23 characters; the limit is 20 (char(20))`), or undefined when it keeps it. */
export function fieldProblem(value: string, rule: FieldRule): string | undefined {
  switch (rule.kind) {
    case 'text': {
      const length = [...value].length;
      return length > rule.max ? `is ${length} characters; the limit is ${rule.max} (${rule.declared})` : undefined;
    }
    case 'integer': {
      if (!INTEGER.test(value)) return `must be an integer, got '${clip(value)}'`;
      const n = BigInt(value);
      return n < rule.min || n > rule.max ? `must be between ${rule.min} and ${rule.max}, got ${value}` : undefined;
    }
    case 'choice':
      return rule.values.includes(value.toUpperCase()) ? undefined : `must be one of ${rule.declared}, got '${clip(value)}'`;
    case 'list': {
      const long = value.split(',').map((item) => item.trim()).find((item) => [...item].length > rule.itemMax);
      return long === undefined ? undefined : `item '${clip(long)}' is longer than ${rule.itemMax} characters (${rule.declared})`;
    }
  }
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
