import { monitorApi } from './monitor-api.js';

/**
 * Calls and recordings per minute over the last hour (/monitor/api/activity,
 * counted from storage), one bar chart each on a canvas. The totals and
 * the current minute's counts are written beside each chart as text, and
 * each canvas carries its counts in data-counts (comma separated, oldest first).
 */
export class ActivityCharts {
  constructor(root) {
    this.charts = [...root.querySelectorAll('[data-chart]')].map((figure) => ({
      series: figure.dataset.chart,
      canvas: figure.querySelector('canvas'),
      total: figure.querySelector('[data-chart-total]'),
    }));
  }

  async refresh() {
    const { minutes } = await monitorApi('activity');
    for (const chart of this.charts) draw(chart, minutes.map((m) => m[chart.series]));
  }
}

function draw({ canvas, total }, counts) {
  const g = canvas.getContext('2d');
  const style = getComputedStyle(canvas);
  const { width, height } = canvas;
  const max = Math.max(1, ...counts);
  const bar = width / counts.length;
  g.clearRect(0, 0, width, height);
  g.fillStyle = style.getPropertyValue('--line') || '#ccc';
  g.fillRect(0, height - 1, width, 1);
  g.fillStyle = style.getPropertyValue('--accent') || '#2456c7';
  counts.forEach((n, i) => {
    const h = Math.round((n / max) * (height - 12));
    if (n > 0) g.fillRect(i * bar + 1, height - 1 - h, Math.max(1, bar - 2), h);
  });
  g.fillStyle = style.getPropertyValue('--muted') || '#666';
  g.font = '10px system-ui, sans-serif';
  g.fillText(`max ${max}/min`, 2, 10);
  canvas.dataset.counts = counts.join(',');
  const sum = counts.reduce((a, b) => a + b, 0);
  total.textContent = `${sum} in the last hour · ${counts[counts.length - 1]} this minute`;
}
