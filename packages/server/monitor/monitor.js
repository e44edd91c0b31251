/**
 * Callwire live monitor: the page's one module, plain browser JavaScript.
 *
 * Sources, all same-origin (so the Basic credentials the browser asked for
 * when `auth.required` is on travel with every request):
 * - the WebSocket `/events?class=ALL&format=json&snapshot=1`: the calls in
 *   progress on connect, then every CALL and RECORD event, live;
 * - the WebAPI (`/webAPI.aspx?type=…`): FETCHTERMINOLOGY for headings,
 *   DEVICELIST for the devices without a call, CHANNELS and SYSTEMSTATUS.
 *
 * Events change the model at once (cheap map updates); the DOM is touched
 * once per animation frame, and only for the devices that changed, so 2,000
 * devices and 50 events a second stay responsive, and a hidden tab builds up
 * nothing but a set of changed device ids and the last LOG_LIMIT log lines.
 */

const LOG_LIMIT = 500;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
const SYSTEM_EVERY_MS = 15_000;
const CHANNELS_EVERY_MS = 10_000;
/** After a RECORD event the channels are asked for again within this time (not once per event). */
const CHANNELS_AFTER_RECORD_MS = 1_000;

// ───────────────────────────── WebAPI ─────────────────────────────

let requestId = 0;

/** Calls one API function through the WebAPI; resolves with the RESULT element, rejects with a one-line reason. */
async function webApi(type, params = {}) {
  const query = new URLSearchParams({ type, requestid: String(++requestId), ...params });
  let response;
  try {
    response = await fetch(`/webAPI.aspx?${query}`, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new Error(`${type}: the server cannot be reached`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${type}: HTTP ${response.status} ${text.trim()}`);
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const result = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || result.nodeName !== 'RESULT') throw new Error(`${type}: the reply is not a RESULT document`);
  const resultType = textOf(result, 'RESULTTYPE');
  if (resultType !== 'API_OK') throw new Error(`${type}: ${resultType}: ${textOf(result, 'RESULTMSG')}`);
  return result;
}

/** The text of the first child element named `name` ('' when absent). */
function textOf(element, name) {
  for (const child of element.children) if (child.nodeName === name) return child.textContent ?? '';
  return '';
}

/** The child elements named `name`. */
function childrenNamed(element, name) {
  return [...element.children].filter((child) => child.nodeName === name);
}

// ───────────────────────────── Server time ─────────────────────────────

const API_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/;

/**
 * Reads the API's `M/D/YYYY h:mm:ss AM` times, which are in the server's
 * time zone and carry no offset. The zone is learnt from CHANNELS, whose
 * LASTSTATECHANGE comes with LASTSTATECHANGEUNIXTIME; until then the
 * browser's own zone is assumed (monitor and server usually share a site).
 */
class ServerZone {
  /** Server local time minus UTC, in ms; undefined until learnt. */
  offsetMs = undefined;

  /** Learns the offset from one local time and the same instant in UNIX seconds. */
  learn(localText, unixSeconds) {
    const wall = wallClockMs(localText);
    const unix = Number(unixSeconds);
    if (wall === undefined || !(unix > 0)) return;
    // Zones are offset by whole quarter hours; rounding absorbs the second the two fields may straddle.
    this.offsetMs = Math.round((wall - unix * 1000) / 900_000) * 900_000;
  }

  /** Epoch ms of an API time, or undefined when it is blank or not in the API's form. */
  toEpoch(text) {
    const wall = wallClockMs(text);
    if (wall === undefined) return undefined;
    if (this.offsetMs !== undefined) return wall - this.offsetMs;
    const utc = new Date(wall);
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds()).getTime();
  }
}

/** An API time's fields as if they were UTC (ms). */
function wallClockMs(text) {
  const match = API_TIME.exec((text ?? '').trim());
  if (!match) return undefined;
  const [, month, day, year, hour, minute, second, half] = match;
  const hours = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second));
}

// ───────────────────────────── Model ─────────────────────────────

/**
 * A call on a device, keyed by CALLINSTANCE (what the API uses to tell two
 * calls of one device apart). `recordings` is keyed by COREIDENT, since one
 * call may be recorded by several cores.
 */
class Call {
  constructor(key, startedAt) {
    this.key = key;
    this.startedAt = startedAt;
    this.direction = '';
    this.ani = '';
    this.dnis = '';
    this.agent = '';
    /** @type {Map<string, {channel: string, paused: boolean}>} */
    this.recordings = new Map();
  }

  /** Takes the fields an event carries; blanks never erase what an earlier event said. */
  take(data) {
    if (data.CALLDIRECTION) this.direction = data.CALLDIRECTION;
    if (data.ANI) this.ani = data.ANI;
    if (data.DNIS) this.dnis = data.DNIS;
    const agent = data.SYS_USER || data.CRM_USER || (data.AGENTID && data.AGENTID !== '0' ? data.AGENTID : '');
    if (agent) this.agent = agent;
  }

  get recording() {
    return this.recordings.size > 0;
  }

  /** Blacked out: every recording of the call is paused (RECORDINGPAUSED), so nothing of it is being kept. */
  get paused() {
    return this.recording && [...this.recordings.values()].every((r) => r.paused);
  }
}

class Device {
  constructor(id) {
    this.id = id;
    this.alias = '';
    /** @type {Map<string, Call>} */
    this.calls = new Map();
  }
}

/** The events that change what a device is doing. */
const LIVE_EVENTS = new Set(['CALLSTART', 'CALLSTOP', 'RECORDINGSTARTED', 'RECORDINGSTOPPED', 'RECORDINGPAUSED', 'RECORDINGRESUMED']);

/** The server keys a device's calls by CALLINSTANCE; a blank one is the device's default instance. */
const callKeyOf = (data) => data.CALLINSTANCE ?? '';

/** Every device the page knows and its calls, changed by events; knows nothing of the DOM. */
class Board {
  /** @type {Map<string, Device>} */
  devices = new Map();

  constructor(zone) {
    this.zone = zone;
  }

  device(id) {
    let device = this.devices.get(id);
    if (!device) this.devices.set(id, (device = new Device(id)));
    return device;
  }

  /** Applies one event (the JSON of /events); returns the DEVICEID it changed, or undefined. */
  apply(event, now) {
    const data = event.data ?? {};
    const id = data.DEVICEID;
    // RECORDINGUPDATE (a row saved after the call) changes nothing live; it only goes to the log.
    if (!id || !LIVE_EVENTS.has(event.EVENTTYPE)) return undefined;
    const device = this.device(id);
    if (data.DEVICEALIAS) device.alias = data.DEVICEALIAS;
    const key = callKeyOf(data);
    const core = data.COREIDENT || '';
    switch (event.EVENTTYPE) {
      case 'CALLSTART':
        this.callOf(device, key, data, now);
        break;
      case 'CALLSTOP':
        device.calls.delete(key);
        break;
      case 'RECORDINGSTARTED':
        this.callOf(device, key, data, now).recordings.set(core, { channel: data.CHANNEL || '', paused: false });
        break;
      case 'RECORDINGSTOPPED':
        device.calls.get(key)?.recordings.delete(core);
        break;
      case 'RECORDINGPAUSED':
      case 'RECORDINGRESUMED': {
        const call = this.callOf(device, key, data, now);
        const recording = call.recordings.get(core) ?? { channel: data.CHANNEL || '', paused: false };
        recording.paused = event.EVENTTYPE === 'RECORDINGPAUSED';
        call.recordings.set(core, recording);
        break;
      }
    }
    return id;
  }

  /** The call an event names, made when the page joined after its CALLSTART. */
  callOf(device, key, data, now) {
    let call = device.calls.get(key);
    if (!call) {
      const started = this.zone.toEpoch(data.STARTTIME);
      call = new Call(key, started === undefined || started > now ? now : started);
      device.calls.set(key, call);
    }
    call.take(data);
    return call;
  }

  /** Forgets every call (a new connection's snapshot re-creates the ones still going); returns the devices that had one. */
  resetCalls() {
    const changed = [];
    for (const device of this.devices.values()) {
      if (device.calls.size === 0) continue;
      device.calls.clear();
      changed.push(device.id);
    }
    return changed;
  }

  /** Takes DEVICELIST's devices; drops idle devices it no longer lists (the server restarted). Returns what changed. */
  takeDeviceList(entries) {
    const listed = new Set();
    const changed = [];
    for (const { id, alias } of entries) {
      listed.add(id);
      const known = this.devices.has(id);
      const device = this.device(id);
      if (!known || (alias && alias !== device.alias)) changed.push(id);
      if (alias) device.alias = alias;
    }
    for (const device of this.devices.values()) {
      if (!listed.has(device.id) && device.calls.size === 0) {
        this.devices.delete(device.id);
        changed.push(device.id);
      }
    }
    return changed;
  }

  counts() {
    let calls = 0;
    let recording = 0;
    let paused = 0;
    for (const device of this.devices.values()) {
      for (const call of device.calls.values()) {
        calls++;
        if (call.paused) paused++;
        else if (call.recording) recording++;
      }
    }
    return { devices: this.devices.size, calls, recording, paused };
  }
}

// ───────────────────────────── Devices table ─────────────────────────────

const FIELDS = ['device', 'alias', 'state', 'direction', 'ani', 'dnis', 'agent', 'elapsed', 'recording'];
const DIRECTIONS = { I: 'Inbound', O: 'Outbound', X: 'Internal' };
const byDeviceId = new Intl.Collator(undefined, { numeric: true }).compare;

/** "m:ss", or "h:mm:ss" from an hour on. */
function elapsedText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function line(text, className) {
  const div = document.createElement('div');
  if (className) div.className = className;
  div.textContent = text;
  return div;
}

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
 * rows in a call tick once a second by rewriting their text alone.
 */
class DeviceTable {
  /** @type {Map<string, HTMLTableRowElement>} */
  rows = new Map();
  /** Device ids in table order, for finding where a new row goes. */
  order = [];
  dirty = new Set();
  /** Rows with a call: their elapsed lines and the calls' start times. */
  ticking = new Map();

  constructor(table, board) {
    this.body = table.tBodies[0];
    this.board = board;
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
    for (const field of FIELDS) {
      const cell = row.insertCell();
      cell.dataset.field = field;
    }
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
    const cells = row.cells;
    cells[0].textContent = device.id;
    cells[1].textContent = device.alias;
    const anyRecording = calls.some((c) => c.recording && !c.paused);
    row.className = calls.length === 0 ? 'idle' : calls.every((c) => c.paused) ? 'active paused' : anyRecording ? 'active recording' : 'active';
    if (calls.length === 0) {
      cells[2].textContent = 'Idle';
      for (let i = 3; i < FIELDS.length; i++) cells[i].replaceChildren();
      this.ticking.delete(device.id);
      return;
    }
    cells[2].replaceChildren(...calls.map(() => line('In call')));
    cells[3].replaceChildren(...calls.map((c) => line(DIRECTIONS[c.direction] ?? c.direction)));
    cells[4].replaceChildren(...calls.map((c) => line(c.ani)));
    cells[5].replaceChildren(...calls.map((c) => line(c.dnis)));
    cells[6].replaceChildren(...calls.map((c) => line(c.agent)));
    const elapsed = calls.map((c) => ({ element: line(elapsedText(now - c.startedAt)), startedAt: c.startedAt }));
    cells[7].replaceChildren(...elapsed.map((e) => e.element));
    cells[8].replaceChildren(...calls.map((c) => {
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

// ───────────────────────────── Event log ─────────────────────────────

/** What one log line says after its type and device. */
function eventDetails(event) {
  const d = event.data ?? {};
  const parts = [];
  if (d.ANI || d.DNIS) parts.push(`${d.ANI || '?'} → ${d.DNIS || '?'}`);
  if (d.CALLDIRECTION) parts.push(`dir ${d.CALLDIRECTION}`);
  if (d.AGENTID && d.AGENTID !== '0') parts.push(`agent ${d.AGENTID}`);
  if (d.CALLINSTANCE) parts.push(`instance ${d.CALLINSTANCE}`);
  if (d.CHANNEL) parts.push(`core ${d.COREIDENT} channel ${d.CHANNEL}`);
  if (d.RECORDID) parts.push(`record ${d.RECORDID}`);
  if (d.FILENAME) parts.push(d.FILENAME);
  return parts.join(' · ');
}

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/**
 * The scrolling event log, newest first, holding the last LOG_LIMIT events.
 * New lines are added once per frame; a filter (class and text) hides lines
 * without removing them.
 */
class EventLog {
  pending = [];

  constructor(list, textInput, classSelect, counter) {
    this.list = list;
    this.counter = counter;
    this.textInput = textInput;
    this.classSelect = classSelect;
    const refilter = () => this.refilter();
    textInput.addEventListener('input', refilter);
    classSelect.addEventListener('change', refilter);
  }

  add(event, at) {
    this.pending.push({ event, at });
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

  entry({ event, at }) {
    const li = document.createElement('li');
    const eventClass = event.EVENTCLASS ?? '';
    li.className = eventClass.toLowerCase();
    li.dataset.type = event.EVENTTYPE ?? '';
    li.dataset.class = eventClass;
    li.dataset.device = event.data?.DEVICEID ?? '';
    const time = document.createElement('time');
    time.textContent = clockTime.format(at);
    const type = document.createElement('b');
    type.textContent = event.EVENTTYPE ?? '?';
    li.append(time, ' ', type, ' ', `${event.data?.DEVICEID ?? ''} ${eventDetails(event)}`);
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

// ───────────────────────────── Channels and system ─────────────────────────────

/** The channels panel: CHANNELS' blocks grouped by COREIDENT. */
function renderChannels(container, result) {
  const byCore = new Map();
  for (const block of childrenNamed(childrenNamed(result, 'CHANNELS')[0] ?? result, 'CHANNEL')) {
    const core = textOf(block, 'COREIDENT');
    if (!byCore.has(core)) byCore.set(core, []);
    byCore.get(core).push(block);
  }
  const sections = [...byCore].sort(([a], [b]) => byDeviceId(a, b)).map(([core, channels]) => {
    const section = document.createElement('section');
    section.className = 'core';
    section.dataset.core = core;
    const heading = document.createElement('h3');
    const busy = channels.filter((c) => textOf(c, 'RECORDINGDEVICE') !== '').length;
    heading.textContent = `Core ${core} · ${busy} of ${channels.length} busy`;
    const list = document.createElement('ul');
    for (const channel of channels) {
      const item = document.createElement('li');
      const device = textOf(channel, 'RECORDINGDEVICE');
      item.className = device ? 'channel busy' : 'channel';
      item.dataset.channel = textOf(channel, 'ID');
      item.dataset.device = device;
      const title = document.createElement('b');
      title.textContent = `${textOf(channel, 'ID')} ${textOf(channel, 'STATE')}`;
      item.append(title, device || '—');
      item.title = `Last change ${textOf(channel, 'LASTSTATECHANGE') || 'unknown'}`;
      list.append(item);
    }
    section.append(heading, list);
    return section;
  });
  if (sections.length === 0) sections.push(line('No recorder cores are running.', 'core'));
  container.replaceChildren(...sections);
}

/** The header's SYSTEMSTATUS figures. */
function renderSystem(figures, result) {
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

/** Runs `work` every `everyMs`, or sooner on request; never two at once. `report` hears how each run went. */
class Refresher {
  constructor(work, everyMs, report) {
    this.work = work;
    this.everyMs = everyMs;
    this.report = report;
    this.timer = undefined;
    this.running = false;
    this.again = false;
  }

  /** Refreshes now and then periodically. */
  start() {
    this.after(0);
  }

  /** Refreshes within `ms` unless one is due sooner. */
  soon(ms) {
    if (this.running) this.again = true;
    else if (this.dueAt === undefined || this.dueAt > Date.now() + ms) this.after(ms);
  }

  after(ms) {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => void this.run(), ms);
  }

  async run() {
    this.dueAt = undefined;
    this.running = true;
    try {
      await this.work();
      this.report(undefined);
    } catch (err) {
      this.report(err);
    } finally {
      this.running = false;
      this.after(this.again ? 0 : this.everyMs);
      this.again = false;
    }
  }
}

/**
 * The banner for what is going wrong, one entry per source (CHANNELS,
 * SYSTEMSTATUS …), so a source that recovers clears its own message and no
 * other's.
 */
class Problems {
  /** @type {Map<string, string>} */
  messages = new Map();

  constructor(banner) {
    this.banner = banner;
  }

  /** The outcome of `source`'s latest attempt: an error, or undefined for success. */
  report(source, err) {
    if (err === undefined) this.messages.delete(source);
    else this.messages.set(source, err instanceof Error ? err.message : String(err));
    this.banner.textContent = [...this.messages.values()].join(' · ');
    this.banner.hidden = this.messages.size === 0;
  }
}

// ───────────────────────────── Event stream ─────────────────────────────

/**
 * The WebSocket to /events, reopened after any close with exponential
 * backoff (with jitter, so many wallboards do not all knock at once after a
 * server restart); the delay starts over once a connection has opened.
 */
class EventConnection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.retryMs = FIRST_RETRY_MS;
  }

  open() {
    const ws = new WebSocket(this.url);
    ws.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.handlers.opened();
    };
    ws.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      this.handlers.event(event);
    };
    ws.onclose = () => {
      const delay = Math.round(this.retryMs * (0.75 + Math.random() * 0.5));
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      this.handlers.closed(delay);
      setTimeout(() => this.open(), delay);
    };
  }
}

// ───────────────────────────── Page ─────────────────────────────

/** Wires the parts to the page's elements. */
function main() {
  const $ = (id) => document.getElementById(id);
  const zone = new ServerZone();
  const board = new Board(zone);
  const table = new DeviceTable($('devices'), board);
  const log = new EventLog($('log'), $('log-filter'), $('log-class'), $('log-count'));
  const connection = $('connection');
  const problems = new Problems($('problem'));
  const counts = $('counts');

  let frameRequested = false;
  const render = () => {
    frameRequested = false;
    const now = Date.now();
    if (table.render(now)) {
      for (const [name, value] of Object.entries(board.counts())) counts.querySelector(`[data-count="${name}"]`).textContent = String(value);
    }
    log.render();
  };
  const requestFrame = () => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(render);
  };
  const changed = (ids) => {
    for (const id of ids) table.markDirty(id);
    requestFrame();
  };

  $('only-active').addEventListener('change', (e) => table.onlyActive(e.target.checked));
  setInterval(() => table.tick(Date.now()), 1000);

  const channels = new Refresher(async () => {
    const result = await webApi('CHANNELS');
    for (const block of result.getElementsByTagName('CHANNEL')) zone.learn(textOf(block, 'LASTSTATECHANGE'), textOf(block, 'LASTSTATECHANGEUNIXTIME'));
    renderChannels($('channels'), result);
    $('channels-note').textContent = `updated ${clockTime.format(Date.now())}`;
  }, CHANNELS_EVERY_MS, (err) => problems.report('channels', err));
  const system = new Refresher(async () => renderSystem($('system'), await webApi('SYSTEMSTATUS')), SYSTEM_EVERY_MS, (err) => problems.report('system', err));

  const loadTerminology = async () => {
    const result = await webApi('FETCHTERMINOLOGY');
    const terms = new Map();
    for (const term of result.getElementsByTagName('TERMINOLOGY')) terms.set(textOf(term, 'NAME').toLowerCase(), textOf(term, 'VALUE'));
    for (const th of document.querySelectorAll('th[data-term]')) {
      const label = terms.get(th.dataset.term);
      if (label) th.textContent = label;
    }
  };
  const loadDevices = async () => {
    const result = await webApi('DEVICELIST');
    const entries = [...result.getElementsByTagName('DEVICE')].map((d) => ({ id: textOf(d, 'DEVICEID'), alias: textOf(d, 'DEVICEALIAS') }));
    changed(board.takeDeviceList(entries.filter((e) => e.id !== '')));
  };

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events?class=ALL&format=json&snapshot=1`;
  let countdown;
  new EventConnection(url, {
    opened() {
      clearInterval(countdown);
      connection.dataset.state = 'open';
      connection.textContent = 'Live';
      // The snapshot that follows is the whole truth about calls in progress; what the page showed before may be stale.
      changed(board.resetCalls());
      Promise.all([loadTerminology(), loadDevices()]).then(
        () => problems.report('devices', undefined),
        (err) => problems.report('devices', err),
      );
      channels.soon(0);
      system.soon(0);
    },
    event(event) {
      const id = board.apply(event, Date.now());
      if (id !== undefined) table.markDirty(id);
      log.add(event, Date.now());
      if (event.EVENTCLASS === 'RECORD') channels.soon(CHANNELS_AFTER_RECORD_MS);
      requestFrame();
    },
    closed(delayMs) {
      clearInterval(countdown);
      connection.dataset.state = 'closed';
      const until = Date.now() + delayMs;
      const show = () => (connection.textContent = `Reconnecting in ${Math.max(0, Math.ceil((until - Date.now()) / 1000))} s`);
      show();
      countdown = setInterval(show, 250);
    },
  }).open();
  channels.start();
  system.start();
}

main();
