/**
 * @callwire/plugin-kit: the machinery Callwire plugins share, so each
 * plugin holds only what is its own.
 */
export * from './clock/manual-clock.js';
export * from './backoff/backoff.js';
export * from './backoff/reconnect-options.js';
export * from './link/link-log.js';
export * from './link/reconnecting-link.js';
export * from './link/attempt-ending.js';
export * from './signals/signal-queue.js';
export * from './lines/line-splitter.js';
export * from './time/zone-time.js';
export * from './calls/call-parameters.js';
export * from './calls/fit-call-data.js';
export * from './recorder/index.js';
