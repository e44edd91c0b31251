/**
 * For recorder plugins: WAV files written as the audio arrives (header kept
 * right, repaired after a crash, spans silenced in place), the one set of
 * WAV header rules the exporter reads by too, G.711, G.722, channel pools,
 * where recordings go, and the live audio listeners of a recording.
 */
export * from './g711.js';
export * from './g722/index.js';
export * from './wav-header.js';
export * from './wav-file-info.js';
export * from './wav-writer.js';
export * from './wav-repair.js';
export * from './wav-silence.js';
export * from './recorder-channel.js';
export * from './channel-pool.js';
export * from './device-set.js';
export * from './recording-path.js';
export * from './live-audio-taps.js';
export * from './rtp/index.js';
export * from './timeline/index.js';
