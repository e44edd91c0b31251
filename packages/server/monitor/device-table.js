import { byDeviceId, DIRECTIONS, elapsedText, line } from './dom.js';
import { defaultLabel } from './terminology.js';

const FIELDS = ['device', 'alias', 'state', 'direction', 'ani', 'dnis', 'agent', 'fields', 'elapsed', 'recording'];

function badgeOf(call) {
  const span = document.createElement('span');
  if (call.paused) {
    span.className = 'badge paused';
    span.textContent = 'BLACKED OUT';
    span.title = 'Recording paused by a blackout (RECORDINGPAUSED)';
  } else if (call.recording) {
    span.className = 'badge recording';
    span.textContent = 'REC';
    span.title = `Recording on ${[...call.recordings].map(([core, r]) => `core ${core}${r.channel ? ` channel ${r.channel}` : ''}`).join(', ')}`;
  } else {
    span.className = 'badge unrecorded';
    span.textContent = 'not recorded';
  }
  return span;
}

/**
 * The devices table: one row per device, keyed by DEVICEID and kept in
 * device order. Only rows marked dirty are rewritten; the elapsed times of
 * rows in a call tick once a second by rewriting their text alone. Agents
 * are shown by name (Agents) and the call's other fields (GATE, GROUP,
 * USER1…15) under the site's labels (Terminology).
 */
export class DeviceTable {
  /** @type {Map<string, HTMLTableRowElement>} */
  rows = new Map();
  /** Device ids in table order, for finding where a new row goes. */
  order = [];
  dirty = new Set();
  /** Rows with a call: their elapsed lines and the calls' start times. */
  ticking = new Map();

  constructor(table, board, agents, terminology) {
    this.body = table.tBodies[0];
    this.board = board;
    this.agents = agents;
    this.terminology = terminology;
  }

  markDirty(id) {
    this.dirty.add(id);
  }

  /** Writes the changed rows; returns whether anything was written. */
  render(now) {
    if (this.dirty.size === 0) return false;
    for (const id of this.dirty) {
      const device = this.board.devices.get(id);
      if (device) this.fill(this.rows.get(id) ?? this.insert(id), device, now);
      else this.remove(id);
    }
    this.dirty.clear();
    return true;
  }

  tick(now) {
    for (const lines of this.ticking.values()) {
      for (const { element, startedAt } of lines) {
        const text = elapsedText(now - startedAt);
        if (element.textContent !== text) element.textContent = text;
      }
    }
  }

  insert(id) {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (byDeviceId(this.order[mid], id) < 0) low = mid + 1;
      else high = mid;
    }
    const row = document.createElement('tr');
    row.dataset.device = id;
    for (const field of FIELDS) row.insertCell().dataset.field = field;
    this.body.insertBefore(row, this.rows.get(this.order[low]) ?? null);
    this.order.splice(low, 0, id);
    this.rows.set(id, row);
    return row;
  }

  remove(id) {
    const row = this.rows.get(id);
    if (!row) return;
    row.remove();
    this.rows.delete(id);
    this.ticking.delete(id);
    this.order.splice(this.order.indexOf(id), 1);
  }

  fill(row, device, now) {
    const calls = [...device.calls.values()].sort((a, b) => a.startedAt - b.startedAt);
    const cell = (name) => row.cells[FIELDS.indexOf(name)];
    cell('device').textContent = device.id;
    cell('alias').textContent = device.alias;
    const anyRecording = calls.some((c) => c.recording && !c.paused);
    row.className = calls.length === 0 ? 'idle' : calls.every((c) => c.paused) ? 'active paused' : anyRecording ? 'active recording' : 'active';
    if (calls.length === 0) {
      cell('state').textContent = 'Idle';
      for (const name of FIELDS.slice(3)) cell(name).replaceChildren();
      this.ticking.delete(device.id);
      return;
    }
    const each = (name, text) => cell(name).replaceChildren(...calls.map((c) => line(text(c))));
    each('state', () => 'In call');
    each('direction', (c) => DIRECTIONS[c.direction] ?? c.direction);
    each('ani', (c) => c.ani);
    each('dnis', (c) => c.dnis);
    each('agent', (c) => this.agents.nameOf(c.agent));
    each('fields', (c) => [...c.fields].map(([term, value]) => `${this.terminology.label(term, defaultLabel(term))}: ${value}`).join(' · '));
    const elapsed = calls.map((c) => ({ element: line(elapsedText(now - c.startedAt)), startedAt: c.startedAt }));
    cell('elapsed').replaceChildren(...elapsed.map((e) => e.element));
    cell('recording').replaceChildren(...calls.map((c) => {
      const div = line('');
      div.append(badgeOf(c));
      return div;
    }));
    this.ticking.set(device.id, elapsed);
  }

  /** Hides idle devices (the "only devices in a call" switch). */
  onlyActive(on) {
    this.body.parentElement.classList.toggle('only-active', on);
  }
}
