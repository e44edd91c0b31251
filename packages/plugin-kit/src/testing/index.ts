/** @callwire/plugin-kit/testing: a real host to test a plugin in, a recorder core that lives in the test, and a WAV reader for what a recorder wrote. */
export * from './test-host.js';
export * from './in-test-recorder.js';
export * from './wav-file.js';
