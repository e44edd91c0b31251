/**
 * Callwire live monitor: the page's entry module. Wires the parts (one
 * module each, plain browser JavaScript, no bundler) to the page's elements.
 *
 * Sources, all same-origin (so the Basic credentials the browser asked for
 * when `auth.required` is on travel with every request):
 * - the WebSocket `/events` (event-message.js reads its messages): the calls
 *   in progress on connect, then every CALL and RECORD event, live;
 * - the WebAPI: FETCHTERMINOLOGY, DEVICELIST, CHANNELS, SYSTEMSTATUS, and
 *   EXPORT for playback;
 * - /monitor/api/: agents, recordings, activity, health, history.
 *
 * Events change the model at once (cheap map updates); the DOM is touched
 * once per animation frame, and only for the devices that changed.
 */
import { Agents } from './agents.js';
import { ActivityCharts } from './activity-chart.js';
import { Board } from './board.js';
import { renderChannels } from './channels-panel.js';
import { DeviceTable } from './device-table.js';
import { clockTime } from './dom.js';
import { EventConnection } from './event-connection.js';
import { EventLog } from './event-log.js';
import { EVENTS_QUERY, readEvent } from './event-message.js';
import { HealthPanel } from './health-panel.js';
import { HistoryPanel } from './history-panel.js';
import { Problems } from './problems.js';
import { RecordingPlayer } from './recording-player.js';
import { RecordingsPanel } from './recordings-panel.js';
import { Refresher } from './refresher.js';
import { ServerZone } from './server-zone.js';
import { renderSystem } from './system-figures.js';
import { Terminology } from './terminology.js';
import { textOf, webApi } from './web-api.js';

const SYSTEM_EVERY_MS = 15_000;
const CHANNELS_EVERY_MS = 10_000;
const ACTIVITY_EVERY_MS = 30_000;
const HEALTH_EVERY_MS = 15_000;
const HISTORY_EVERY_MS = 60_000;
const RECORDINGS_EVERY_MS = 60_000;
/** After a RECORD event the channels and health (and recordings, activity) are asked for again within this time, not once per event. */
const AFTER_RECORD_MS = 1_000;

function main() {
  const $ = (id) => document.getElementById(id);
  const problems = new Problems($('problem'));
  const report = (source) => (err) => problems.report(source, err);
  const zone = new ServerZone();
  const board = new Board(zone);
  const agents = new Agents();
  const terminology = new Terminology();
  const table = new DeviceTable($('devices'), board, agents, terminology);
  const log = new EventLog($('log'), $('log-filter'), $('log-class'), $('log-count'), agents);
  const recordings = new RecordingsPanel($('recordings'), new RecordingPlayer($('player')), terminology, report('recordings'));
  const charts = new ActivityCharts($('activity'));
  const health = new HealthPanel($('health'));
  const history = new HistoryPanel($('history'));
  const connection = $('connection');
  const counts = $('counts');

  let frameRequested = false;
  const render = () => {
    frameRequested = false;
    if (table.render(Date.now())) {
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
  agents.onChange = () => changed(board.activeIds());

  $('only-active').addEventListener('change', (e) => table.onlyActive(e.target.checked));
  setInterval(() => table.tick(Date.now()), 1000);

  const channels = new Refresher(async () => {
    const result = await webApi('CHANNELS');
    for (const block of result.getElementsByTagName('CHANNEL')) zone.learn(textOf(block, 'LASTSTATECHANGE'), textOf(block, 'LASTSTATECHANGEUNIXTIME'));
    renderChannels($('channels'), result);
    $('channels-note').textContent = `updated ${clockTime.format(Date.now())}`;
  }, CHANNELS_EVERY_MS, report('channels'));
  const system = new Refresher(async () => renderSystem($('system'), await webApi('SYSTEMSTATUS')), SYSTEM_EVERY_MS, report('system'));
  const activity = new Refresher(() => charts.refresh(), ACTIVITY_EVERY_MS, report('activity'));
  const healthCheck = new Refresher(() => health.refresh(), HEALTH_EVERY_MS, report('health'));
  const past = new Refresher(() => history.refresh(), HISTORY_EVERY_MS, report('history'));
  const recent = new Refresher(() => recordings.refresh(), RECORDINGS_EVERY_MS, () => undefined);
  const refreshers = [channels, system, activity, healthCheck, past, recent];

  const loadDevices = async () => {
    const result = await webApi('DEVICELIST');
    const entries = [...result.getElementsByTagName('DEVICE')].map((d) => ({ id: textOf(d, 'DEVICEID'), alias: textOf(d, 'DEVICEALIAS') }));
    changed(board.takeDeviceList(entries.filter((e) => e.id !== '')));
  };

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events?${EVENTS_QUERY}`;
  let countdown;
  new EventConnection(url, {
    opened() {
      clearInterval(countdown);
      connection.dataset.state = 'open';
      connection.textContent = 'Live';
      // The snapshot that follows is the whole truth about calls in progress; what the page showed before may be stale.
      changed(board.resetCalls());
      Promise.all([terminology.load(), loadDevices(), agents.load()]).then(
        () => {
          problems.report('devices', undefined);
          // Rows already drawn name agents and fields; redraw them with the names and labels just loaded.
          changed(board.activeIds());
          recent.soon(0);
        },
        (err) => problems.report('devices', err),
      );
      for (const refresher of refreshers) refresher.soon(0);
    },
    event(message) {
      const event = readEvent(message, Date.now());
      if (event === undefined) return;
      const id = board.apply(event, Date.now());
      if (id !== undefined) table.markDirty(id);
      log.add(event);
      if (event.eventClass === 'RECORD') {
        channels.soon(AFTER_RECORD_MS);
        healthCheck.soon(AFTER_RECORD_MS);
      }
      if (event.type === 'RECORDINGSTARTED' || event.type === 'RECORDINGSTOPPED' || event.type === 'RECORDINGUPDATE') {
        recent.soon(AFTER_RECORD_MS);
        activity.soon(AFTER_RECORD_MS);
      }
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
  for (const refresher of refreshers) refresher.start();
}

main();
