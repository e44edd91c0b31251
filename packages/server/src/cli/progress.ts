/** How often a terminal's progress bar is redrawn at most. */
const REDRAW_MS = 100;
const BAR_WIDTH = 28;

/**
 * Progress of a long command on stderr (stdout stays for results). On a
 * terminal: one bar redrawn in place. Otherwise (a log, CI): a plain line
 * each time another tenth is done, so the log shows it is moving without
 * drowning in updates.
 */
export class Progress {
  private readonly tty: boolean;
  private drawnAt = 0;
  /** The next tenth (1–10) that earns a line when not on a terminal. */
  private nextTenth = 1;
  private lastText = '';
  private lastFraction = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = stream.isTTY === true;
  }

  /** `fraction` done (0–1), with `text` such as `512/1000 rows`. */
  show(fraction: number, text: string): void {
    this.lastText = text;
    this.lastFraction = Math.min(1, Math.max(0, fraction));
    if (this.tty) {
      const now = Date.now();
      if (now - this.drawnAt >= REDRAW_MS) this.draw(now);
      return;
    }
    const tenths = Math.floor(this.lastFraction * 10 + 1e-9);
    if (tenths >= this.nextTenth) {
      this.nextTenth = tenths + 1;
      this.stream.write(`${text} (${Math.floor(this.lastFraction * 100)}%)\n`);
    }
  }

  /** Draws the final state and ends the bar's line. */
  done(): void {
    if (this.tty && this.drawnAt > 0) {
      this.draw(Date.now());
      this.stream.write('\n');
    }
  }

  private draw(now: number): void {
    this.drawnAt = now;
    const filled = Math.round(this.lastFraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    // \x1b[K clears what a longer previous text left behind.
    this.stream.write(`\r${bar} ${String(Math.floor(this.lastFraction * 100)).padStart(3)}% ${this.lastText}\x1b[K`);
  }
}
