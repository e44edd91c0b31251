import { z } from 'zod';
import { closestMatch, describeValue, formatPath } from './issue-text.js';
import { Schedule } from './schedule.js';
import { dayNumber, parseTimeOfDay } from './time-window.js';
import { valueItemProblem, type ValueItem } from './value-matcher.js';

/**
 * One entry of config `schedules:`, as written. Schedules are checked in
 * config order and the first whose every given criterion matches the call
 * decides whether it is recorded, so an early `record: false` entry excludes
 * calls the way a firewall rule does. Criteria are ANDed; a list matches when
 * any of its items does; a criterion left out matches every call; an empty
 * call field (no ANI, say) never matches a criterion that is given.
 *
 * Text lists (`devices`, `groups`, `gates`, `ani`, `dnis`) take exact values,
 * wildcard patterns (`*` any run of characters, `?` one character, matched
 * against the whole value, case-sensitive) and regular expressions written
 * `/…/` (searched, not anchored). Numbers are read as text (`7001` = `"7001"`).
 */
export interface ScheduleConfig {
  /** Names the schedule in decisions and logs; unique within `schedules`. */
  name: string;
  /**
   * `true` records the matching calls, `false` leaves them unrecorded (an
   * exclusion rule), a number 0-100 records that percentage of them, drawn
   * per call: 0 never, 100 always.
   */
  record: boolean | number;
  /**
   * DEVICEIDs (the physical extension or voice port), ranges, or patterns.
   * A range `7000-7099` compares numerically when both ends are digits, so it
   * holds `7050` but not `70500`; a range of other text (`A100-A199`) needs
   * ends of the same length and holds the IDs of that length sorting between
   * them. An item with one `-` that is neither is an ordinary ID.
   */
  devices?: readonly ValueItem[];
  /** GROUP: the ACD group of the device (exact values, wildcards or `/regex/`). */
  groups?: readonly ValueItem[];
  /** GATE: the call type in the PBX — skill set, vector, application. */
  gates?: readonly ValueItem[];
  /** ANI: the caller's number (Caller ID), as patterns: `'+1212*'`, `'/^555\d{4}$/'`. */
  ani?: readonly ValueItem[];
  /** DNIS: the number the caller dialled, as patterns. */
  dnis?: readonly ValueItem[];
  /** CALLDIRECTION: `I` or `inbound`, `O` or `outbound`. Calls of unknown direction (`?`) never match. */
  direction?: 'I' | 'O' | 'inbound' | 'outbound';
  /** AGENTIDs (numbers) of the agent on the call. Calls without an agent never match. */
  agents?: readonly number[];
  /**
   * Weekdays, `mon` … `sun` (or full names, any case), in the scheduler's
   * time zone. With an overnight `hours` window, the part after midnight
   * belongs to the day the window started on.
   */
  days?: readonly string[];
  /**
   * A daily window `{ from: 'HH:MM', to: 'HH:MM' }` in the scheduler's time
   * zone: from inclusive, to exclusive (`to: '24:00'` = end of day). `from`
   * later than `to` is an overnight window (`22:00` to `06:00`).
   */
  hours?: { from: string; to: string };
  /** PRIORITY of the recording, 0-100 (the manual's range); default 50. */
  priority?: number;
  /** MAXRECORDTIME: seconds after which a recording is ended. */
  maxRecordTime?: number;
  /** MAXRECORDSILENCE: seconds of silence after which a recording is ended. */
  maxRecordSilence?: number;
  /** KEEPDAYS: days to keep the recording and its files before purging. */
  keepDays?: number;
  /** ARCHIVEACTION: the archive action ID for the recording's files; -1 allowed. */
  archiveAction?: number;
}

/** A schedule config that cannot be used; `issues` lists every problem found. */
export class ScheduleConfigError extends Error {
  override readonly name = 'ScheduleConfigError';
  /** One line per problem, `schedules[2].devices[1]: problem`; never empty. */
  readonly issues: string[];

  constructor(issues: readonly string[]) {
    super(['invalid schedules:', ...issues.map((issue) => `  ${issue}`)].join('\n'));
    this.issues = [...issues];
  }
}

/** Every key a schedule entry may have, for "did you mean" hints. */
const SCHEDULE_KEYS = [
  'name',
  'record',
  'devices',
  'groups',
  'gates',
  'ani',
  'dnis',
  'direction',
  'agents',
  'days',
  'hours',
  'priority',
  'maxRecordTime',
  'maxRecordSilence',
  'keepDays',
  'archiveAction',
] as const satisfies readonly (keyof ScheduleConfig)[];
const HOURS_KEYS = ['from', 'to'] as const;
/** Names a user may reach for that are not close in spelling to ours. */
const KEY_ALIASES: Readonly<Record<string, string>> = {
  deviceid: 'devices',
  group: 'groups',
  gate: 'gates',
  agentid: 'agents',
  calldirection: 'direction',
  weekdays: 'days',
  time: 'hours',
  percent: 'record',
  percentage: 'record',
};
/** The criteria keys: a schedule with none of them matches every call. */
const CRITERIA_KEYS = ['devices', 'groups', 'gates', 'ani', 'dnis', 'direction', 'agents', 'days', 'hours'] as const;

const INT32_MAX = 2_147_483_647;

/** A value checked by one function that returns the whole problem text. */
function checked<T>(problem: (value: unknown) => string | undefined): z.ZodType<T> {
  return z.custom<T>((value) => problem(value) === undefined, {
    error: (issue) => problem(issue.input) ?? 'is invalid',
  });
}

function required(value: unknown, problem: string | undefined): string | undefined {
  return value === undefined ? 'required' : problem;
}

function integer(min: number, max: number, what: string) {
  const message = (issue: { input?: unknown }) => `expected ${what}, got ${describeValue(issue.input)}`;
  return z.int({ error: message }).min(min, { error: message }).max(max, { error: message }).optional();
}

function list<T>(key: string, what: string, item: z.ZodType<T>) {
  return z
    .array(item, { error: (issue) => `expected a list of ${what}, got ${describeValue(issue.input)}` })
    .min(1, { error: `must not be empty (leave '${key}' out to match every call)` })
    .optional();
}

const valueList = (key: string, ranges: boolean) =>
  list<ValueItem>(
    key,
    ranges ? 'device IDs, ranges or patterns' : 'values or patterns',
    checked((value) => valueItemProblem(value, { ranges })),
  );

const timeOfDay = (endOfDay: boolean) =>
  checked<string>((value) =>
    required(
      value,
      typeof value === 'string' && parseTimeOfDay(value, endOfDay) !== undefined
        ? undefined
        : `expected a time 'HH:MM' from 00:00 to ${endOfDay ? '24:00' : '23:59'}, got ${describeValue(value)}` +
            (typeof value === 'number' ? " (put the time in quotes: '09:00')" : ''),
    ),
  );

function dayProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && dayNumber(value) !== undefined) return undefined;
  const hint = typeof value === 'string' ? closestMatch(value, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) : undefined;
  return `expected a day mon, tue, wed, thu, fri, sat or sun, got ${describeValue(value)}${hint ? ` (did you mean '${hint}'?)` : ''}`;
}

/**
 * The zod schema of one entry of config `schedules:`. Every problem is
 * reported with a message of its own (`expected an integer 0-100, got 101`);
 * unknown keys are errors, so typos do not silently widen a schedule.
 */
export const scheduleConfigSchema: z.ZodType<ScheduleConfig> = z.strictObject(
  {
    name: checked<string>((value) =>
      required(value, typeof value === 'string' && value.trim() !== '' ? undefined : `expected a name, got ${describeValue(value)}`),
    ),
    record: checked<boolean | number>((value) =>
      required(
        value,
        typeof value === 'boolean' || (typeof value === 'number' && value >= 0 && value <= 100)
          ? undefined
          : `expected true, false or a percentage 0-100, got ${describeValue(value)}`,
      ),
    ),
    devices: valueList('devices', true),
    groups: valueList('groups', false),
    gates: valueList('gates', false),
    ani: valueList('ani', false),
    dnis: valueList('dnis', false),
    direction: z
      .enum(['I', 'O', 'inbound', 'outbound'], {
        error: (issue) => `expected 'I', 'O', 'inbound' or 'outbound', got ${describeValue(issue.input)}`,
      })
      .optional(),
    agents: list(
      'agents',
      'agent IDs',
      checked<number>((value) =>
        Number.isSafeInteger(value) ? undefined : `expected an agent ID (a whole number), got ${describeValue(value)}`,
      ),
    ),
    days: list('days', 'days', checked<string>(dayProblem)),
    hours: z
      .strictObject(
        { from: timeOfDay(false), to: timeOfDay(true) },
        { error: (issue) => `expected { from: 'HH:MM', to: 'HH:MM' }, got ${describeValue(issue.input)}` },
      )
      .superRefine((hours, ctx) => {
        const from = parseTimeOfDay(hours.from, false);
        if (from !== undefined && from === parseTimeOfDay(hours.to, true)) {
          ctx.addIssue({
            code: 'custom',
            message: `'from' and 'to' are both ${hours.from}: an empty window (leave 'hours' out to match all day)`,
            input: hours,
          });
        }
      })
      .optional(),
    priority: integer(0, 100, 'an integer 0-100'),
    maxRecordTime: integer(0, INT32_MAX, 'a whole number of seconds'),
    maxRecordSilence: integer(0, INT32_MAX, 'a whole number of seconds'),
    keepDays: integer(0, INT32_MAX, 'a whole number of days'),
    archiveAction: integer(-1, Number.MAX_SAFE_INTEGER, 'an archive action ID (a whole number, or -1)'),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? `expected a schedule { name, record, … }, got ${describeValue(issue.input)}` : undefined,
  },
);

/**
 * Validates config `schedules:` and compiles it for the {@link Scheduler}.
 * Besides each entry's own checks, names must be unique and a schedule
 * without criteria must come last (it decides every call, so the ones after
 * it would never be used).
 *
 * @throws ScheduleConfigError listing every problem, one line each
 */
export function parseSchedules(entries: readonly unknown[]): Schedule[] {
  if (!Array.isArray(entries)) throw new ScheduleConfigError([`schedules: expected a list, got ${describeValue(entries)}`]);
  const issues: string[] = [];
  const configs: ScheduleConfig[] = [];
  const names = new Map<string, number>();
  let catchAll: number | undefined;
  entries.forEach((entry: unknown, index) => {
    const at = `schedules[${index}]`;
    const result = scheduleConfigSchema.safeParse(entry);
    if (result.success) configs.push(result.data);
    else issues.push(...result.error.issues.flatMap((issue) => issueLines(issue, at)));
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name : undefined;
    if (name !== undefined) {
      const first = names.get(name);
      if (first === undefined) names.set(name, index);
      else issues.push(`${at}.name: '${name}' is already the name of schedules[${first}]`);
    }
    if (catchAll === undefined && result.success && CRITERIA_KEYS.every((key) => result.data[key] === undefined)) {
      catchAll = index;
    }
  });
  if (catchAll !== undefined && catchAll < entries.length - 1) {
    const unused = entries.length - 1 - catchAll;
    issues.push(
      `schedules[${catchAll}]: has no criteria, so it decides every call and the ${unused === 1 ? 'schedule' : `${unused} schedules`}` +
        ' after it would never be used (move it last)',
    );
  }
  if (issues.length > 0) throw new ScheduleConfigError(issues);
  return configs.map((config) => new Schedule(config));
}

function issueLines(issue: z.core.$ZodIssue, at: string): string[] {
  if (issue.code !== 'unrecognized_keys') return [`${formatPath(issue.path, at)}: ${issue.message}`];
  const known: readonly string[] = issue.path.length === 0 ? SCHEDULE_KEYS : HOURS_KEYS;
  return issue.keys.map((key) => {
    const suggestion = (issue.path.length === 0 ? KEY_ALIASES[key.toLowerCase()] : undefined) ?? closestMatch(key, known);
    return `${formatPath([...issue.path, key], at)}: unknown key${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
