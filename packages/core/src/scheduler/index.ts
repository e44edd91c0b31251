export * from './schedule-config.js';
export * from './schedule.js';
export * from './scheduler.js';
