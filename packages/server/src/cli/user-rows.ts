import { canonicalParameterName } from '@callwire/core';
import { UsageError } from './cli-errors.js';
import type { CsvRecord } from './csv-reader.js';

/**
 * IMPORTUSER's parameters, as the manual lists them (plus PHONES from its
 * example and DEVICEALIAS, the agent's sign-on number), under the canonical
 * names the server reads. A header may use either of the manual's spellings
 * (FIRST_NAME or FIRSTNAME, SYS_DOMAIN or DOMAIN …), any casing, and spaces
 * for underscores ("First Name").
 */
const USER_PARAMETERS = [
  'USERID', 'USERNAME', 'EMPLOYEEID', 'FIRSTNAME', 'LASTNAME', 'STATUS', 'ADD_TIME', 'MOD_TIME', 'SYS_USER',
  'DOMAIN', 'EMAIL', 'CRM_USER', 'PASSWORD', 'SITEID', 'PHONES', 'DEVICEALIAS',
];

/** A data row of the CSV as IMPORTUSER parameters (blank cells left out: the server treats them as not sent). */
export interface UserRow {
  readonly line: number;
  readonly parameters: readonly (readonly [string, string])[];
}

/** A row that could not become a request, with why. */
export interface BadRow {
  readonly line: number;
  readonly error: string;
}

/**
 * The parameter each column fills, from the header row. A column the
 * function does not have is an error before anything is sent: a misspelt
 * header would otherwise drop that field from every user without a word.
 */
export function userColumns(header: readonly string[]): string[] {
  const columns = header.map((name) => canonicalParameterName(name.trim().replace(/[\s-]+/g, '_')));
  const unknown = header.filter((_, i) => !USER_PARAMETERS.includes(columns[i]!));
  if (unknown.length > 0) {
    throw new UsageError(`the CSV header has column(s) IMPORTUSER does not take: ${unknown.map((name) => `'${name}'`).join(', ')}; use ${USER_PARAMETERS.join(', ')}`);
  }
  const twice = columns.find((column, i) => columns.indexOf(column) !== i);
  if (twice) throw new UsageError(`the CSV header names ${twice} twice (under either spelling)`);
  const missing = ['FIRSTNAME', 'LASTNAME'].filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new UsageError(`the CSV header needs ${missing.join(' and ')} (or ${missing.map((m) => m.replace('NAME', '_NAME')).join(' and ')}): IMPORTUSER ADD requires them`);
  return columns;
}

/** One CSV record as a user's parameters, or why not. */
export function userRow(columns: readonly string[], record: CsvRecord): UserRow | BadRow {
  if ('error' in record) return { line: record.line, error: `malformed CSV: ${record.error}` };
  if (record.fields.length !== columns.length) {
    return { line: record.line, error: `malformed CSV: ${record.fields.length} field(s) where the header has ${columns.length}` };
  }
  const parameters: [string, string][] = [];
  record.fields.forEach((value, i) => {
    const trimmed = value.trim();
    if (trimmed !== '') parameters.push([columns[i]!, trimmed]);
  });
  return { line: record.line, parameters };
}
