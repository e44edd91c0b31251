import type { FieldRule } from './command.js';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/**
 * Builders of the manual's field rules ("Data Type Values"), each worded as
 * the manual declares it: `fieldRule.char(20)` is "char(20)". The host's
 * tables and a plugin command's `fields` are made of them.
 */
export const fieldRule = {
  char: (max: number): FieldRule => ({ kind: 'text', max, declared: `char(${max})` }),
  varchar: (max: number): FieldRule => ({ kind: 'text', max, declared: `varchar(${max})` }),
  /** A 32-bit integer, optionally narrowed (PRIORITY is 0–100). */
  int32: (min = INT32_MIN, max = INT32_MAX): FieldRule => ({
    kind: 'integer', min, max, declared: min === 0n ? `integer ${min}-${max}` : 'integer (signed 32-bit)',
  }),
  int64: { kind: 'integer', min: -(2n ** 63n), max: 2n ** 63n - 1n, declared: 'bigint(8)' } as FieldRule,
  choice: (...values: string[]): FieldRule => ({ kind: 'choice', values, declared: values.map((v) => `'${v}'`).join(', ') }),
} as const;
