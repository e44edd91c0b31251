/** @callwire/plugin-kit/testing: a real host to test a plugin in, a recorder core that lives in the test, a WAV reader for what a recorder wrote, and helpers to read the host's answers. */
export * from './test-host.js';
export * from './in-test-recorder.js';
export * from './wav-file.js';
export * from './device-status.js';
export * from './event-names.js';
