import { textOf } from './web-api.js';

/** The header's SYSTEMSTATUS figures. */
export function renderSystem(figures, result) {
  const set = (name, text, title) => {
    const dd = figures.querySelector(`[data-figure="${name}"]`);
    dd.textContent = text;
    if (title) dd.title = title;
  };
  const gb = (mb) => `${(Number(mb) / 1024).toFixed(1)} GB`;
  set('disk', `${gb(textOf(result, 'RECORDINGTOTALDISKFREE'))} (${textOf(result, 'RECORDINGTOTALDISKFREEPCT')}%)`,
    `${textOf(result, 'RECORDINGPATH')}: ${textOf(result, 'RECORDINGSPACEINFO')}`);
  set('ram', `${textOf(result, 'SYSTEMRAMUSEDPCT')}%`, `${textOf(result, 'SYSTEMRAMUSED')} MB of ${textOf(result, 'SYSTEMRAMTOTAL')} MB`);
  const uptime = textOf(result, 'SYSTEMUPTIME');
  const match = /^(\d+) days, (\d+) hours, (\d+) minutes/.exec(uptime);
  set('uptime', match ? `${match[1]}d ${match[2]}h ${match[3]}m` : uptime, uptime);
}
