import { parseSchedules } from '../../src/scheduler/schedule-config.js';
import { Scheduler, type SchedulerOptions, type ScheduleCall } from '../../src/scheduler/scheduler.js';

/** An inbound call on device 7001 with every field filled; override what a test is about. */
export function call(fields: Partial<ScheduleCall> = {}): ScheduleCall {
  return {
    deviceId: '7001',
    deviceAlias: '301',
    group: 'Sales',
    gate: '100',
    ani: '5551234',
    dnis: '8005550100',
    direction: 'I',
    agentId: 42,
    sysUser: 'jdoe',
    crmUser: 'john.doe',
    users: ['ACC-1'],
    ...fields,
  };
}

/** A scheduler over config entries, in UTC unless the test names a zone. */
export function schedulerOf(entries: readonly unknown[], options: SchedulerOptions = {}): Scheduler {
  return new Scheduler(parseSchedules(entries), { timeZone: 'UTC', ...options });
}

/** Friday 8 March 2024, 15:00 UTC: an arbitrary fixed instant for tests that are not about time. */
export const AT = Date.UTC(2024, 2, 8, 15, 0);

/** Which schedule decided, for a single criterion under test followed by nothing else. */
export function decidedBy(scheduler: Scheduler, fields: Partial<ScheduleCall>, at = AT): string | undefined {
  return scheduler.decide(call(fields), at).schedule;
}
