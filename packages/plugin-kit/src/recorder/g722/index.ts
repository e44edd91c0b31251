/**
 * G.722 wideband audio (64 kbit/s SB-ADPCM, mode 1) for recorders: the
 * decoder a recorder runs per RTP stream, the encoder senders use.
 */
export * from './g722-decoder.js';
export * from './g722-encoder.js';
