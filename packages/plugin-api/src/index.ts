/**
 * @callwire/plugin-api: everything a Callwire plugin may use of the host,
 * and nothing more. The engine implements it; plugins depend on it alone
 * (and on @callwire/plugin-kit for the machinery they share).
 */
export { z } from 'zod';
export * from './define-plugin.js';
export * from './version.js';
export * from './logger.js';
export * from './clock.js';
export * from './call-data.js';
export * from './call-error.js';
export * from './calls.js';
export * from './events.js';
export * from './recorder-core.js';
export * from './command.js';
export * from './field-rules.js';
export * from './call-data-limits.js';
export * from './result-codes.js';
export * from './api-result.js';
export * from './call-results.js';
