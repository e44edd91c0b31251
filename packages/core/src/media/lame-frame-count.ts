/**
 * How many frames LAME (and lamejs, its JavaScript port) writes for `samples`
 * samples per channel, and the padding it adds — known before encoding, so a
 * streamed MP3 can begin with an exact Info tag.
 *
 * LAME delays the signal by ENCDELAY (576) samples, then in its flush pads
 * the end to a whole frame plus at least 576 more samples (lame_encode_flush:
 * `end_padding = framesize - (samples_to_encode % framesize); if (end_padding
 * < 576) end_padding += framesize`, with samples_to_encode = ENCDELAY +
 * samples). core/test/media checks this against the real encoder.
 */
export const LAME_ENCODER_DELAY = 576;

/** Audio frames and end padding LAME produces for `samples` samples per channel. */
export function lameFrameCount(samples: number, samplesPerFrame: number): { frames: number; padding: number } {
  const toEncode = LAME_ENCODER_DELAY + samples;
  let padding = samplesPerFrame - (toEncode % samplesPerFrame);
  if (padding < 576) padding += samplesPerFrame;
  return { frames: (toEncode + padding) / samplesPerFrame, padding };
}
