import { element } from './dom.js';
import { monitorApi } from './monitor-api.js';

const GB = 1024 ** 3;

/** The health panel: /monitor/api/health (what /healthz judges, and the figures behind it). */
export class HealthPanel {
  constructor(root) {
    this.root = root;
    this.status = root.querySelector('[data-health="status"]');
    this.list = root.querySelector('ul');
  }

  async refresh() {
    const health = await monitorApi('health');
    this.status.textContent = health.status;
    this.status.dataset.status = health.status;
    const item = (part, ok, text) => {
      const li = element('li', ok ? 'ok' : 'bad', text);
      li.dataset.part = part;
      return li;
    };
    const items = [
      ...health.plugins.running.map((id) => item(`plugin:${id}`, true, `plugin ${id}: running`)),
      ...health.plugins.failed.map(({ id, reason }) => item(`plugin:${id}`, false, `plugin ${id}: failed — ${reason}`)),
      ...health.cores.map((core) => item(`core:${core.coreIdent}`, core.ok,
        `core ${core.coreIdent}: ${core.busy} of ${core.channels} channels busy${core.problems.length > 0 ? ` — ${core.problems.join('; ')}` : ''}`)),
      item('disk', !health.disk.low,
        health.disk.freeBytes === null ? `disk ${health.disk.path}: cannot be read (${health.disk.error})`
          : `disk ${health.disk.path}: ${(health.disk.freeBytes / GB).toFixed(1)} GB free of ${(health.disk.totalBytes / GB).toFixed(1)} GB`),
      item('database', health.database.ok, health.database.ok ? `database ${health.database.dialect}: answers in ${health.database.pingMs} ms` : `database ${health.database.dialect}: ${health.database.error}`),
    ];
    if (health.plugins.running.length === 0 && health.plugins.failed.length === 0) items.unshift(item('plugins', true, 'no plugins configured'));
    this.list.replaceChildren(...items);
  }
}
