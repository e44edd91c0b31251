import { dateTimeText, element } from './dom.js';
import { monitorApi } from './monitor-api.js';

/**
 * What happened before the page was opened (/monitor/api/history): SMDR
 * call detail records, calls lost at a restart (recordings a restart cut
 * off) and plugins that failed. Finished recordings are in the recordings panel.
 */
export class HistoryPanel {
  constructor(root) {
    this.lists = Object.fromEntries([...root.querySelectorAll('[data-history]')].map((ol) => [ol.dataset.history, ol]));
  }

  async refresh() {
    const history = await monitorApi('history');
    const fill = (name, rows, text, empty) => {
      const items = rows.map((row) => element('li', undefined, text(row)));
      this.lists[name].replaceChildren(...(items.length > 0 ? items : [element('li', 'none', empty)]));
    };
    fill('smdr', history.callDetails, (d) => `${dateTimeText(Date.parse(d.receivedAt))} ${d.deviceId ?? '?'} ${d.ani ?? ''} → ${d.dnis ?? ''}${d.durationSeconds !== null ? ` · ${d.durationSeconds} s` : ''}${d.recordingIdent !== null ? ` · recording ${d.recordingIdent}` : ''}`, 'no SMDR records');
    fill('lost', history.lostAtRestart, (r) => `${dateTimeText(Date.parse(r.start))} ${r.deviceId} ${r.ani ?? ''} → ${r.dnis ?? ''} · recording ${r.ident} cut off${r.stop ? ` at ${dateTimeText(Date.parse(r.stop))}` : ''}`, 'no call lost at a restart');
    fill('plugins', history.failedPlugins, (p) => `plugin ${p.id}: ${p.reason}`, 'no plugin failed');
  }
}
