import type { z } from 'zod';
import { describeValue, listAlternatives, quoteLiteral } from './describe-value.js';
import { knownKeysAt } from './schema-keys.js';
import { closestMatch } from './suggest.js';

/** A location inside a config value, as zod reports it: keys and list indexes. */
export type IssuePath = readonly PropertyKey[];

type Issue = z.core.$ZodIssue;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** zod's own (English) messages start like this; anything else is a message a schema author wrote. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized key)/;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'integer',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  object: 'an object',
  record: 'an object',
  map: 'an object',
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 CIDR range',
  cidrv6: 'an IPv6 CIDR range',
  hostname: 'a host name',
  datetime: 'an ISO date-time',
  date: 'an ISO date',
  time: 'an ISO time',
  duration: 'an ISO duration',
};

/**
 * Formats a path the way the config file spells it: `plugins[2].options.baudRate`.
 * Keys that are not plain words are bracketed and quoted: `terminology["user 1"]`.
 * `prefix` (already formatted) is prepended, joined correctly.
 */
export function formatIssuePath(path: IssuePath, prefix = ''): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Turns a zod error into one short line per problem, `path: problem`, in plain
 * English: `server.api.port: expected integer, got string`,
 * `plugins[2].use: required`, `sever: unknown key (did you mean 'server'?)`.
 *
 * - `prefix` locates the validated value in the file, as a formatted path
 *   (`'plugins[2].options'`) or as path segments (`['plugins', 2, 'options']`).
 * - `schema`, the schema that produced the error, enables "did you mean"
 *   suggestions for unknown keys.
 *
 * Messages written by the schema's author are kept as they are. For "got …"
 * details, parse with `{ reportInput: true }`; without it the received type is
 * still reported.
 */
export function formatZodIssues(
  error: z.core.$ZodError,
  prefix: string | IssuePath = '',
  schema?: z.core.$ZodType,
): string[] {
  const base = typeof prefix === 'string' ? prefix : formatIssuePath(prefix);
  return error.issues.flatMap((issue) => issueLines(issue, base, schema));
}

function issueLines(issue: Issue, base: string, schema: z.core.$ZodType | undefined): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = schema ? knownKeysAt(schema, issue.path) : [];
    return issue.keys.map((key) => {
      const suggestion = closestMatch(key, known);
      const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
      return `${label(formatIssuePath([...issue.path, key], base))}: unknown key${hint}`;
    });
  }
  let path = issue.path;
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined && path[path.length - 1] !== issue.discriminator) {
    path = [...path, issue.discriminator];
  }
  return [`${label(formatIssuePath(path, base))}: ${describeProblem(issue)}`];
}

function label(path: string): string {
  return path === '' ? '(top level)' : path;
}

/** The problem part of a line: what was wrong with the value, without the path. */
function describeProblem(issue: Issue): string {
  if (issue.code === 'custom') return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  if (issue.message && !ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const received = receivedOf(issue);
      if (received === 'nothing') return 'required';
      const expected = `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      return received === undefined ? expected : `${expected}, got ${received}`;
    }
    case 'too_big':
      return describeBound(issue.origin, 'most', issue.maximum, issue.inclusive, issue.exact);
    case 'too_small':
      return describeBound(issue.origin, 'least', issue.minimum, issue.inclusive, issue.exact);
    case 'invalid_value':
      return `expected ${listAlternatives(issue.values.map(quoteLiteral))}`;
    case 'invalid_format':
      return describeFormat(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return describeUnion(issue);
    case 'invalid_key':
      return `has an invalid key: ${firstNested(issue.issues)}`;
    case 'invalid_element':
      return `has an invalid entry: ${firstNested(issue.issues)}`;
    default:
      return 'is invalid';
  }
}

/** What the value actually was: from the reported input, else from zod's message. */
function receivedOf(issue: Issue): string | undefined {
  if ('input' in issue) return describeValue(issue.input);
  const match = /received (\w+)/.exec(issue.message);
  if (!match) return undefined;
  const type = match[1]!;
  return type === 'undefined' ? 'nothing' : type === 'array' ? 'a list' : type === 'object' ? 'an object' : type;
}

function describeBound(
  origin: string,
  side: 'most' | 'least',
  limit: number | bigint,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
): string {
  const n = String(limit);
  switch (origin) {
    case 'string':
      if (exact) return `must be exactly ${n} characters long`;
      if (side === 'least' && Number(limit) === 1) return 'must not be empty';
      return `must be at ${side} ${n} characters long`;
    case 'array':
    case 'set':
      if (exact) return `must have exactly ${n} items`;
      if (side === 'least' && Number(limit) === 1) return 'must not be empty';
      return `must have at ${side} ${n} items`;
    default:
      if (exact) return `must be exactly ${n}`;
      if (inclusive === false) return side === 'most' ? `must be less than ${n}` : `must be greater than ${n}`;
      return `must be at ${side} ${n}`;
  }
}

function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const details = issue as z.core.$ZodIssueInvalidStringFormat & { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'starts_with':
      return `must start with '${details.prefix}'`;
    case 'ends_with':
      return `must end with '${details.suffix}'`;
    case 'includes':
      return `must contain '${details.includes}'`;
    case 'regex':
      return 'has the wrong format';
    default:
      return `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
    return `expected ${listAlternatives(issue.options.map(quoteLiteral))}`;
  }
  if (issue.errors.length === 0) return 'matches more than one allowed form';
  const typeIssues = issue.errors.map((branch) =>
    branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0 ? branch[0] : undefined,
  );
  if (typeIssues.every((branch) => branch !== undefined)) {
    const first = typeIssues[0]!;
    const received = 'input' in issue ? describeValue(issue.input) : receivedOf(first);
    if (received === 'nothing') return 'required';
    const expected = [...new Set(typeIssues.map((branch) => TYPE_NAMES[branch.expected] ?? branch.expected))];
    const text = `expected ${listAlternatives(expected)}`;
    return received === undefined ? text : `${text}, got ${received}`;
  }
  return 'does not match any allowed form';
}

function firstNested(issues: readonly Issue[]): string {
  const first = issues[0];
  return first ? describeProblem(first) : 'is invalid';
}
