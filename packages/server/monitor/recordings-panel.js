import { dateTimeText, DIRECTIONS, elapsedText, element } from './dom.js';
import { monitorApi } from './monitor-api.js';
import { defaultLabel } from './terminology.js';

/** The columns: [field, heading, term (renamed by the terminology table) or undefined]. */
const HEADINGS = [
  ['time', 'Start'], ['device', 'Voice Port', 'deviceid'], ['ani', 'CallerID ANI', 'ani'], ['dnis', 'Number Called DNIS', 'dnis'],
  ['callid', 'CALLID'], ['agent', 'Agent', 'agent'], ['fields', 'Fields'], ['duration', 'Duration'], ['play', ''],
];
const COLUMNS = HEADINGS.map(([field]) => field);

/** The table's heading row; cells with a term take the site's label when the terminology loads. */
function headingRow() {
  const tr = document.createElement('tr');
  for (const [, text, term] of HEADINGS) {
    const th = element('th', undefined, text);
    if (term) th.dataset.term = term;
    tr.append(th);
  }
  return tr;
}

/**
 * Recent recordings (/monitor/api/recordings, from storage, so a reload
 * shows them), searched by device, ANI, DNIS, CALLID, agent and date; each
 * row plays in the RecordingPlayer. `refresh` is called again when a
 * recording stops.
 */
export class RecordingsPanel {
  constructor(root, player, terminology, report) {
    this.form = root.querySelector('form');
    this.body = root.querySelector('tbody');
    root.querySelector('thead').replaceChildren(headingRow());
    this.count = root.querySelector('[data-recordings="count"]');
    this.player = player;
    this.terminology = terminology;
    this.report = report;
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.refresh();
    });
  }

  /** The search as /monitor/api/recordings parameters; the date is a whole day in the browser's zone. */
  query() {
    const value = (name) => this.form.elements.namedItem(name).value.trim();
    const params = { device: value('device'), ani: value('ani'), dnis: value('dnis'), callid: value('callid'), agent: value('agent'), limit: '50' };
    const day = value('date');
    if (day) {
      const [y, m, d] = day.split('-').map(Number);
      params.from = String(new Date(y, m - 1, d).getTime());
      params.to = String(new Date(y, m - 1, d + 1).getTime() - 1);
    }
    return params;
  }

  async refresh() {
    try {
      const recordings = await monitorApi('recordings', this.query());
      this.body.replaceChildren(...recordings.map((r) => this.row(r)));
      this.count.textContent = String(recordings.length);
      this.report(undefined);
    } catch (err) {
      this.report(err);
    }
  }

  row(recording) {
    const tr = document.createElement('tr');
    tr.dataset.ident = String(recording.ident);
    tr.dataset.state = recording.state;
    const fields = [
      ...(recording.gate ? [['gate', recording.gate]] : []),
      ...(recording.group ? [['group', recording.group]] : []),
      ...Object.entries(recording.users),
    ];
    const text = {
      time: dateTimeText(Date.parse(recording.start)),
      device: recording.deviceAlias ? `${recording.deviceId} (${recording.deviceAlias})` : recording.deviceId,
      ani: recording.ani ?? '',
      dnis: recording.dnis ?? '',
      callid: recording.callId ?? '',
      agent: recording.agentName ?? (recording.agentId ? `agent ${recording.agentId}` : ''),
      fields: fields.map(([term, value]) => `${this.terminology.label(term, defaultLabel(term))}: ${value}`).join(' · '),
      duration: recording.durationSeconds === null ? (recording.state === 'open' ? 'recording' : '') : elapsedText(recording.durationSeconds * 1000),
    };
    for (const column of COLUMNS) {
      const td = tr.insertCell();
      td.dataset.field = column;
      if (column !== 'play') td.textContent = text[column];
    }
    tr.cells[0].title = `${DIRECTIONS[recording.direction] ?? recording.direction ?? ''} · ${recording.state}`;
    if (recording.state !== 'open') {
      const button = element('button', 'play', '▶ Play');
      button.type = 'button';
      button.addEventListener('click', () => this.player.play(recording).then(() => this.report(undefined), (err) => this.report(err)));
      tr.cells[COLUMNS.indexOf('play')].append(button);
    }
    return tr;
  }
}
