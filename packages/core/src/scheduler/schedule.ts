import type { ScheduleConfig } from './schedule-config.js';
import type { RecordingDecision, ScheduleCall } from './scheduler.js';
import { dayNumber, parseTimeOfDay, TimeWindow } from './time-window.js';
import { ValueMatcher } from './value-matcher.js';

/** The priority of a recording when its schedule names none (the middle of the manual's 0-100). */
export const DEFAULT_PRIORITY = 50;

/**
 * One schedule, compiled: patterns folded into regular expressions, ranges
 * normalised, days into a bit mask, and both possible decisions built (and
 * frozen) ahead, so that matching a call allocates nothing.
 *
 * Made by {@link parseSchedules}, which validates first; the constructor
 * assumes a valid config and throws RangeError on the first bad value.
 */
export class Schedule {
  readonly name: string;
  /** The entry as validated, frozen. */
  readonly config: Readonly<ScheduleConfig>;
  /**
   * The share of matching calls to record, 0-100 (`true` = 100, `false` = 0).
   * Only values strictly between 0 and 100 need a random draw.
   */
  readonly recordPercent: number;
  /** What this schedule answers when it records the call. */
  readonly recordDecision: RecordingDecision;
  /** What this schedule answers when it does not (`record: false`, or a percentage's miss). */
  readonly skipDecision: RecordingDecision;
  /** Whether `days` or `hours` is set, so the caller needs the local time. */
  readonly hasTimeCriteria: boolean;

  private readonly direction: 'I' | 'O' | undefined;
  private readonly agents: ReadonlySet<number> | undefined;
  private readonly devices: ValueMatcher | undefined;
  private readonly groups: ValueMatcher | undefined;
  private readonly gates: ValueMatcher | undefined;
  private readonly ani: ValueMatcher | undefined;
  private readonly dnis: ValueMatcher | undefined;
  private readonly window: TimeWindow | undefined;

  constructor(config: ScheduleConfig) {
    this.config = deepFreeze(structuredClone(config));
    this.name = config.name;
    this.recordPercent = config.record === true ? 100 : config.record === false ? 0 : config.record;
    this.direction =
      config.direction === undefined ? undefined : config.direction === 'I' || config.direction === 'inbound' ? 'I' : 'O';
    this.agents = config.agents && new Set(config.agents);
    this.devices = config.devices && new ValueMatcher(config.devices, { ranges: true });
    this.groups = config.groups && new ValueMatcher(config.groups, { ranges: false });
    this.gates = config.gates && new ValueMatcher(config.gates, { ranges: false });
    this.ani = config.ani && new ValueMatcher(config.ani, { ranges: false });
    this.dnis = config.dnis && new ValueMatcher(config.dnis, { ranges: false });
    this.hasTimeCriteria = config.days !== undefined || config.hours !== undefined;
    this.window = this.hasTimeCriteria ? new TimeWindow(config.days?.map(toDay), config.hours && toMinutes(config.hours)) : undefined;

    const settings = {
      schedule: config.name,
      priority: config.priority ?? DEFAULT_PRIORITY,
      ...(config.maxRecordTime !== undefined && { maxRecordTime: config.maxRecordTime }),
      ...(config.maxRecordSilence !== undefined && { maxRecordSilence: config.maxRecordSilence }),
      ...(config.keepDays !== undefined && { keepDays: config.keepDays }),
      ...(config.archiveAction !== undefined && { archiveAction: config.archiveAction }),
    };
    this.recordDecision = Object.freeze({ record: true, ...settings });
    this.skipDecision = Object.freeze({ record: false, ...settings });
    Object.freeze(this);
  }

  /**
   * True when every criterion about the call itself matches (everything but
   * `days` and `hours`, see {@link matchesTime}). Cheap criteria go first.
   */
  matchesCall(call: ScheduleCall): boolean {
    if (this.direction !== undefined && call.direction !== this.direction) return false;
    if (this.agents !== undefined && (call.agentId === undefined || !this.agents.has(call.agentId))) return false;
    if (this.devices !== undefined && !this.devices.matches(call.deviceId)) return false;
    if (this.groups !== undefined && !this.groups.matches(call.group)) return false;
    if (this.gates !== undefined && !this.gates.matches(call.gate)) return false;
    if (this.dnis !== undefined && !this.dnis.matches(call.dnis)) return false;
    if (this.ani !== undefined && !this.ani.matches(call.ani)) return false;
    return true;
  }

  /** True when `days` and `hours` (if any) hold at this local time, in wall-clock milliseconds. */
  matchesTime(local: number): boolean {
    return this.window === undefined || this.window.contains(local);
  }
}

function toDay(name: string): number {
  const day = dayNumber(name);
  if (day === undefined) throw new RangeError(`unknown day '${name}'`);
  return day;
}

function toMinutes(hours: { from: string; to: string }): { from: number; to: number } {
  const from = parseTimeOfDay(hours.from, false);
  const to = parseTimeOfDay(hours.to, true);
  if (from === undefined || to === undefined) throw new RangeError(`bad hours '${hours.from}'-'${hours.to}'`);
  return { from, to };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
