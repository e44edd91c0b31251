import { clockTime } from './dom.js';

const LOG_LIMIT = 500;

/** What one log line says after its type and device. */
function eventDetails({ data: d }, agents) {
  const parts = [];
  if (d.ANI || d.DNIS) parts.push(`${d.ANI || '?'} → ${d.DNIS || '?'}`);
  if (d.CALLDIRECTION) parts.push(`dir ${d.CALLDIRECTION}`);
  const agent = agents.nameOf({ agentId: d.AGENTID && d.AGENTID !== '0' ? d.AGENTID : '', sysUser: d.SYS_USER, crmUser: d.CRM_USER });
  if (agent) parts.push(`agent ${agent}`);
  if (d.CALLINSTANCE) parts.push(`instance ${d.CALLINSTANCE}`);
  if (d.CHANNEL) parts.push(`core ${d.COREIDENT} channel ${d.CHANNEL}`);
  if (d.RECORDID) parts.push(`record ${d.RECORDID}`);
  if (d.FILENAME) parts.push(d.FILENAME);
  return parts.join(' · ');
}

/**
 * The `<time>` of a log line: the event's own time; when the event carries
 * none, the time the page received it, marked with a leading "≈" and
 * data-source="received" (so nobody mistakes it for when the event happened).
 */
function timeOf(event) {
  const time = document.createElement('time');
  time.dateTime = new Date(event.at).toISOString();
  time.dataset.source = event.timeSource;
  const text = clockTime.format(event.at);
  if (event.timeSource === 'event') {
    time.textContent = text;
    time.title = `event time ${time.dateTime}`;
  } else {
    time.textContent = `≈${text}`;
    time.title = 'received at (the event carries no time of its own)';
  }
  return time;
}

/**
 * The scrolling event log, newest first, holding the last LOG_LIMIT events.
 * New lines are added once per frame; a filter (class and text) hides lines
 * without removing them.
 */
export class EventLog {
  pending = [];

  constructor(list, textInput, classSelect, counter, agents) {
    this.list = list;
    this.counter = counter;
    this.textInput = textInput;
    this.classSelect = classSelect;
    this.agents = agents;
    const refilter = () => this.refilter();
    textInput.addEventListener('input', refilter);
    classSelect.addEventListener('change', refilter);
  }

  add(event) {
    this.pending.push(event);
    // Only the newest LOG_LIMIT can ever be shown; a hidden tab must not pile up the rest.
    if (this.pending.length > 2 * LOG_LIMIT) this.pending = this.pending.slice(-LOG_LIMIT);
  }

  render() {
    if (this.pending.length === 0) return false;
    const fragment = document.createDocumentFragment();
    const newest = this.pending.slice(-LOG_LIMIT);
    this.pending = [];
    for (let i = newest.length - 1; i >= 0; i--) fragment.append(this.entry(newest[i]));
    this.list.prepend(fragment);
    while (this.list.childElementCount > LOG_LIMIT) this.list.lastElementChild.remove();
    this.count();
    return true;
  }

  entry(event) {
    const li = document.createElement('li');
    li.className = event.eventClass.toLowerCase();
    li.dataset.type = event.type;
    li.dataset.class = event.eventClass;
    li.dataset.device = event.data.DEVICEID ?? '';
    if (event.seq !== undefined) li.dataset.seq = String(event.seq);
    const type = document.createElement('b');
    type.textContent = event.type || '?';
    li.append(timeOf(event), ' ', type, ' ', `${event.data.DEVICEID ?? ''} ${eventDetails(event, this.agents)}`);
    li.hidden = !this.matches(li);
    return li;
  }

  matches(li) {
    const wanted = this.classSelect.value;
    if (wanted !== 'ALL' && li.dataset.class !== wanted) return false;
    const text = this.textInput.value.trim().toLowerCase();
    return text === '' || li.textContent.toLowerCase().includes(text);
  }

  refilter() {
    for (const li of this.list.children) li.hidden = !this.matches(li);
    this.count();
  }

  count() {
    const total = this.list.childElementCount;
    let shown = 0;
    for (const li of this.list.children) if (!li.hidden) shown++;
    this.counter.textContent = shown === total ? `${total}` : `${shown} of ${total}`;
  }
}
