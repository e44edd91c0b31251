/** @callwire/plugin-kit/testing: a real host to test a plugin in, a recorder core that lives in the test, a WAV reader for what a recorder wrote, helpers to read the host's answers, and a stand-in PBX that sends RTP tones with the audio analysis to find them again. */
export * from './test-host.js';
export * from './in-test-recorder.js';
export * from './wav-file.js';
export * from './device-status.js';
export * from './event-names.js';
export * from './pbx-media-sender.js';
export * from './audio-analysis.js';
