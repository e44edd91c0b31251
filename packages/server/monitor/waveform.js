/**
 * Draws a recording's waveform on a canvas from its decoded audio (one
 * min/max bar per pixel column), its blackout spans as shaded bands, and
 * the playhead.
 */
export class Waveform {
  constructor(canvas) {
    this.canvas = canvas;
    this.peaks = [];
    this.durationMs = 0;
    this.blackouts = [];
    this.playheadMs = 0;
  }

  /** Takes the decoded AudioBuffer and the recording's blackouts ({ fromMs, toMs|null }). */
  show(audio, blackouts) {
    this.durationMs = audio.duration * 1000;
    this.blackouts = blackouts;
    const samples = audio.getChannelData(0);
    const columns = this.canvas.width;
    const per = Math.max(1, Math.floor(samples.length / columns));
    this.peaks = Array.from({ length: columns }, (_, x) => {
      let min = 0;
      let max = 0;
      for (let i = x * per, end = Math.min(samples.length, i + per); i < end; i++) {
        const s = samples[i];
        if (s < min) min = s;
        if (s > max) max = s;
      }
      return [min, max];
    });
    this.canvas.dataset.drawn = String(this.peaks.filter(([min, max]) => max - min > 0.01).length);
    this.canvas.dataset.blackouts = String(blackouts.length);
    this.draw();
  }

  /** Moves the playhead to `ms`. */
  at(ms) {
    this.playheadMs = ms;
    this.draw();
  }

  draw() {
    const { canvas } = this;
    const g = canvas.getContext('2d');
    const style = getComputedStyle(canvas);
    const { width, height } = canvas;
    g.clearRect(0, 0, width, height);
    const x = (ms) => (this.durationMs > 0 ? (ms / this.durationMs) * width : 0);
    g.fillStyle = style.getPropertyValue('--paused') || '#8a5cf5';
    g.globalAlpha = 0.3;
    for (const { fromMs, toMs } of this.blackouts) g.fillRect(x(fromMs), 0, Math.max(1, x(toMs ?? this.durationMs) - x(fromMs)), height);
    g.globalAlpha = 1;
    g.fillStyle = style.getPropertyValue('--accent') || '#2456c7';
    const mid = height / 2;
    this.peaks.forEach(([min, max], i) => g.fillRect(i, mid - max * mid, 1, Math.max(1, (max - min) * mid)));
    g.fillStyle = style.getPropertyValue('--rec') || '#d0312d';
    g.fillRect(x(this.playheadMs), 0, 1, height);
  }
}
