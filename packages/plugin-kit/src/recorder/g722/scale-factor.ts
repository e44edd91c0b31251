/** ILB: the antilog table of G.722 blocks 3L/3H (SCALEL, SCALEH), 2^(i/32) in Q11. */
const ANTILOG = Int32Array.of(
  2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
  2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
);

/**
 * A sub-band's quantiser scale factor (G.722 blocks 3L/3H): adapted in the
 * log domain (LOGSCL/LOGSCH: nabla, leaked by 127/128 and bounded) and
 * turned into the linear scale factor delta (SCALEL/SCALEH) the quantisers
 * multiply by. The two bands differ only in the bound and the shift.
 */
export class ScaleFactor {
  /** The log scale factor nabla. */
  private log = 0;
  /** The linear scale factor delta (DETL/DETH). */
  det = 0;

  constructor(
    private readonly maxLog: number,
    private readonly shift: number,
  ) {
    this.reset();
  }

  /** Back to the state at the start of a stream (nabla 0: DETL 32, DETH 8). */
  reset(): void {
    this.log = 0;
    this.det = this.linear();
  }

  /** Adapts by the log step the band's table gives for this sample's code. */
  adapt(logStep: number): void {
    let log = ((this.log * 127) >> 7) + logStep;
    if (log < 0) log = 0;
    else if (log > this.maxLog) log = this.maxLog;
    this.log = log;
    this.det = this.linear();
  }

  private linear(): number {
    const mantissa = ANTILOG[(this.log >> 6) & 31]!;
    const exponent = this.shift - (this.log >> 11);
    return (exponent < 0 ? mantissa << -exponent : mantissa >> exponent) << 2;
  }
}
