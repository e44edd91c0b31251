/** @callwire/plugin-kit/testing: a real host to test a plugin in, and a recorder core that lives in the test. */
export * from './test-host.js';
export * from './in-test-recorder.js';
export * from './device-status.js';
export * from './event-names.js';
