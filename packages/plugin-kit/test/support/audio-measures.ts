/** Measures for codec tests on 16-bit audio. */

/** A sine of `frequency` Hz at `rate` Hz, `amplitude` peak, `count` samples. */
export function sine(frequency: number, amplitude: number, count: number, rate = 16000): Int16Array {
  return Int16Array.from({ length: count }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / rate)));
}

/** Sample-wise sum of signals, saturated to 16 bits. */
export function mix(...signals: Int16Array[]): Int16Array {
  return Int16Array.from({ length: signals[0]!.length }, (_, i) => Math.max(-32768, Math.min(32767, signals.reduce((sum, s) => sum + s[i]!, 0))));
}

/** Deterministic white noise, uniform in ±amplitude. */
export function noise(amplitude: number, count: number, seed = 1): Int16Array {
  let state = seed >>> 0;
  return Int16Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.round(((state >>> 8) / 0xffffff) * 2 * amplitude - amplitude);
  });
}

/** The lag in [0, maxLag] at which `output` best matches `input` (the cross-correlation peak). */
export function delayOf(input: Int16Array, output: Int16Array, maxLag: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = 0; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = 0; i + lag < output.length && i < input.length; i++) score += input[i]! * output[i + lag]!;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}

/** SNR in dB of `output` delayed by `lag` against `input`, over input samples [from, input.length - lag). */
export function snrDb(input: Int16Array, output: Int16Array, lag: number, from: number): number {
  let signal = 0;
  let error = 0;
  for (let i = from; i + lag < output.length && i < input.length; i++) {
    signal += input[i]! ** 2;
    error += (output[i + lag]! - input[i]!) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

/** The power at `frequency` Hz (Goertzel), per sample squared. */
export function powerAt(samples: Int16Array, frequency: number, rate = 16000): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let previous = 0;
  let beforePrevious = 0;
  for (const x of samples) {
    const current = x + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return power / (samples.length * samples.length);
}

/** The largest absolute sample. */
export function peak(samples: Int16Array): number {
  return samples.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
}
