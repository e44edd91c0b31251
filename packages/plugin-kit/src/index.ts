/**
 * @callwire/plugin-kit: the machinery Callwire plugins share, so each
 * plugin holds only what is its own.
 */
export * from './clock/manual-clock.js';
export * from './calls/fit-call-data.js';
export * from './recorder/index.js';
