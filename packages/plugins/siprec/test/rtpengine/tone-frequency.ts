/**
 * The frequency of a steady tone, from how often the signal changes sign:
 * a sine of f Hz crosses zero 2·f times a second. Enough to tell one test
 * tone from another (440 Hz vs 1000 Hz); samples at 0 (silence) are skipped
 * so that they neither count as crossings nor split one.
 */
export function toneFrequency(samples: Int16Array, sampleRate = 8000): number {
  let crossings = 0;
  let lastSign = 0;
  for (const sample of samples) {
    const sign = Math.sign(sample);
    if (sign === 0) continue;
    if (lastSign !== 0 && sign !== lastSign) crossings++;
    lastSign = sign;
  }
  return samples.length === 0 ? 0 : (crossings / 2) * (sampleRate / samples.length);
}

/** The largest absolute sample: a tone sent at amplitude 8000 must arrive near it, not as near-silence. */
export function peakLevel(samples: Int16Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  return peak;
}
