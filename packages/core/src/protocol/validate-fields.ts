import type { ApiRequest } from './api-request.js';
import type { FieldRule, FieldTable } from './field-limits.js';

const INTEGER = /^[+-]?\d+$/;

/**
 * Checks every parameter of a request that its table names. Returns one
 * message per bad parameter (empty when all are good). A blank value is left
 * to the handler: many clients send empty tags for "not given".
 */
export function validateFields(request: ApiRequest, table: FieldTable): string[] {
  const problems: string[] = [];
  for (const name of request.parameterNames()) {
    const rule = table[name];
    if (!rule) continue;
    for (const value of request.getAll(name)) {
      if (value === '') continue;
      const problem = check(value, rule);
      if (problem) problems.push(`${name} ${problem}`);
    }
  }
  return problems;
}

function check(value: string, rule: FieldRule): string | undefined {
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
