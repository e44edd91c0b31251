import { DEFAULT_PRIORITY, type Schedule } from './schedule.js';
import { ZoneClock } from './zone-clock.js';

/** What the scheduler sees of a call: the CALLSTART fields (the manual's names in comments). */
export interface ScheduleCall {
  /** DEVICEID: the physical number of the phone or voice port. */
  readonly deviceId: string;
  /** DEVICEALIAS: the logical number, such as an agent's sign-on number. */
  readonly deviceAlias: string;
  /** GROUP: the ACD group of the device. */
  readonly group: string;
  /** GATE: the call type in the PBX (skill set, vector, application). */
  readonly gate: string;
  /** ANI: the caller's number. */
  readonly ani: string;
  /** DNIS: the number dialled. */
  readonly dnis: string;
  /** CALLDIRECTION: inbound, outbound, unknown, or not given. */
  readonly direction: 'I' | 'O' | '?' | '';
  /** AGENTID of the agent on the device, when known. */
  readonly agentId?: number;
  /** SYS_USER: the agent's network user name. */
  readonly sysUser: string;
  /** CRM_USER: the user in the CRM. */
  readonly crmUser: string;
  /** USER1..USER15; index 0 = USER1. */
  readonly users: readonly string[];
}

/**
 * The scheduler's answer for one call. Decisions are built when the config is
 * read and shared between calls, so they are frozen: copy one to change it.
 */
export interface RecordingDecision {
  record: boolean;
  /** name of the schedule that decided, undefined when none matched */
  schedule?: string;
  /** PRIORITY, 0-100, default 50 */
  priority: number;
  /** MAXRECORDTIME, seconds */
  maxRecordTime?: number;
  /** MAXRECORDSILENCE, seconds */
  maxRecordSilence?: number;
  /** KEEPDAYS */
  keepDays?: number;
  /** ARCHIVEACTION (an archive action ID, or -1) */
  archiveAction?: number;
}

/** The answer when no schedule matches: not recorded. */
const NO_SCHEDULE: RecordingDecision = Object.freeze({ record: false, priority: DEFAULT_PRIORITY });

/** How a {@link Scheduler} reads time and chance. */
export interface SchedulerOptions {
  /** IANA zone for `days` and `hours` (config `timezone`); default: the system zone. */
  timeZone?: string;
  /** Returns a number in [0, 1) for percentage schedules; default `Math.random`. */
  random?: () => number;
}

/**
 * Decides, when a call starts, whether it is recorded and with which
 * settings: the first schedule, in config order, whose criteria all match.
 * The recording decisions are the scheduler's alone.
 *
 * `decide` runs on every call start, so it allocates nothing: the schedules
 * come compiled from {@link parseSchedules}, the decisions are prebuilt, and
 * the local time is computed at most once per call, only when a schedule that
 * got that far has `days` or `hours`.
 */
export class Scheduler {
  private readonly schedules: readonly Schedule[];
  private readonly clock: ZoneClock;
  private readonly random: () => number;

  /** @throws RangeError when `options.timeZone` is not a known IANA zone */
  constructor(schedules: readonly Schedule[], options: SchedulerOptions = {}) {
    this.schedules = [...schedules];
    this.clock = new ZoneClock(options.timeZone);
    this.random = options.random ?? Math.random;
  }

  /** The IANA zone `days` and `hours` are read in. */
  get timeZone(): string {
    return this.clock.timeZone;
  }

  /**
   * The decision for a call starting at `at` (milliseconds since the epoch).
   * A percentage schedule draws `random()` once for the call; its misses
   * answer `record: false` with that schedule's name.
   */
  decide(call: ScheduleCall, at: number): RecordingDecision {
    let local = Number.NaN;
    for (const schedule of this.schedules) {
      if (!schedule.matchesCall(call)) continue;
      if (schedule.hasTimeCriteria) {
        if (Number.isNaN(local)) local = this.localTime(at);
        if (!schedule.matchesTime(local)) continue;
      }
      const percent = schedule.recordPercent;
      if (percent >= 100) return schedule.recordDecision;
      if (percent <= 0) return schedule.skipDecision;
      return this.random() * 100 < percent ? schedule.recordDecision : schedule.skipDecision;
    }
    return NO_SCHEDULE;
  }

  private localTime(at: number): number {
    if (!Number.isFinite(at)) throw new RangeError(`call start time must be milliseconds since the epoch, got ${at}`);
    return this.clock.local(at);
  }
}
