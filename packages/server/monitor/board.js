import { EXTRA_FIELDS } from './terminology.js';

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
    /** How the event named the agent; the Agents directory turns it into a name. */
    this.agent = { agentId: '', sysUser: '', crmUser: '' };
    /** GATE, GROUP and USER1…USER15 by term name (gate, group, user1 …), only those given. */
    this.fields = new Map();
    /** @type {Map<string, {channel: string, paused: boolean}>} */
    this.recordings = new Map();
  }

  /** Takes the fields an event carries; blanks never erase what an earlier event said. */
  take(data) {
    if (data.CALLDIRECTION) this.direction = data.CALLDIRECTION;
    if (data.ANI) this.ani = data.ANI;
    if (data.DNIS) this.dnis = data.DNIS;
    if (data.AGENTID && data.AGENTID !== '0') this.agent.agentId = data.AGENTID;
    if (data.SYS_USER) this.agent.sysUser = data.SYS_USER;
    if (data.CRM_USER) this.agent.crmUser = data.CRM_USER;
    for (const [term, name] of EXTRA_FIELDS) if (data[name]) this.fields.set(term, data[name]);
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

/** Every device the page knows and its calls, changed by events (as event-message.js reads them); knows nothing of the DOM. */
export class Board {
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

  /** Applies one event; returns the DEVICEID it changed, or undefined. */
  apply(event, now) {
    const { data, type } = event;
    const id = data.DEVICEID;
    // RECORDINGUPDATE (a row saved after the call) changes nothing live; it only goes to the log.
    if (!id || !LIVE_EVENTS.has(type)) return undefined;
    const device = this.device(id);
    if (data.DEVICEALIAS) device.alias = data.DEVICEALIAS;
    const key = callKeyOf(data);
    const core = data.COREIDENT || '';
    switch (type) {
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
        recording.paused = type === 'RECORDINGPAUSED';
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

  /** Devices with a call (they name agents and fields, so a new name or label rewrites them). */
  activeIds() {
    return [...this.devices.values()].filter((d) => d.calls.size > 0).map((d) => d.id);
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
