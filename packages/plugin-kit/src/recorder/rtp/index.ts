/**
 * RTP reception for recorder plugins: packets parsed, sequence numbers
 * extended across the wrap, a jitter buffer per stream placing audio by
 * timestamp (gaps left as silence), SSRC latching onto the two sides of a
 * call, the windows and mixer that turn them into file frames, silence
 * detection and the counters of what arrived.
 */
export * from './rtp-packet.js';
export * from './sequence-extender.js';
export * from './jitter-buffer.js';
export * from './media-stream.js';
export * from './ssrc-sides.js';
export * from './audio-window.js';
export * from './frame-mixer.js';
export * from './silence-detector.js';
export * from './packet-counters.js';
