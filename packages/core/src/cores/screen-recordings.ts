import { stopDuration } from '../calls/call-event-data.js';
import type { Logger } from 'pino';
import { chatEventData, chatRow } from '../chat/chat-recording-data.js';
import type { ChatSession, ScreenRecording } from '../chat/chat-session.js';
import type { Clock } from '../clock.js';
import type { EventType } from '../events/callcopy-event.js';
import type { EventBus } from '../events/event-bus.js';
import type { RecordingUpdate } from '../storage/index.js';
import type { CoreRegistry, FanoutOutcome } from './core-registry.js';
import type { RecorderCore } from './recorder-core.js';
import type { RecordingStore } from './recording-store.js';

export interface ScreenRecordingsDeps {
  readonly cores: CoreRegistry;
  readonly store: RecordingStore;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The screen recordings of chat sessions, for the RecordingController: the
 * capture on a core that declares `screenCapture`, its pause and resume under
 * an AGENTBLACKOUT, its row (written even when no core took it, so the
 * session is listed) and its RECORD events.
 */
export class ScreenRecordings {
  private nextKey = 1;

  constructor(private readonly deps: ScreenRecordingsDeps) {}

  /** A screen recording not started yet; `paused` when the agent is blacked out now. */
  create(paused: boolean, at: number): ScreenRecording {
    return { key: `c${this.nextKey++}`, ident: undefined, coreIdent: undefined, fileName: '', mediaType: null, paused, blackouts: paused ? [{ start: at, stop: null }] : [] };
  }

  /** Captures the session's screen on a free screen core, writes its row, publishes RECORDINGSTARTED. Which core took it. */
  async start(session: ChatSession, columns: RecordingUpdate): Promise<FanoutOutcome> {
    const outcome = await this.capture(session);
    const { screen } = session;
    const identified = (ident: number | undefined) => (screen.ident ??= ident);
    identified(await this.deps.store.insert(screen.key, chatRow(session, columns), identified));
    this.deps.log.info(screenLine(session, {}), `screen recording started on device ${session.deviceId}`);
    this.publish('RECORDINGSTARTED', session);
    return outcome;
  }

  /** CHATUPDATE's columns, stored with the session's row. */
  update(session: ChatSession, columns: RecordingUpdate): Promise<void> {
    return this.deps.store.update(session.screen.key, session.screen.ident, columns);
  }

  /** The capture ends: RECORDINGSTOPPED, then RECORDINGUPDATE once its row is completed. */
  async stop(session: ChatSession): Promise<void> {
    const { screen } = session;
    const at = this.deps.clock.now();
    const core = this.core(screen);
    if (core) await this.deps.cores.within(core.stopRecording(screen.key, at)).catch((err: unknown) => this.deps.log.error({ err, sessionId: session.sessionId }, 'screen core did not confirm the stop'));
    const seconds = Math.round((at - session.startedAt) / 1000);
    this.deps.log.info(screenLine(session, { durationSeconds: seconds }), `screen recording stopped on device ${session.deviceId} after ${seconds} s`);
    this.publish('RECORDINGSTOPPED', session, at);
    for (const span of screen.blackouts) span.stop ??= at;
    await this.deps.store.complete(screen.key, screen.ident, chatRow(session), { stop_time: at, blackouts: screen.blackouts }, () => this.publish('RECORDINGUPDATE', session));
  }

  /** The agent's blackout begins (`on`) or ends at `at`: the capture pauses or resumes; the span is stored. */
  async blackout(session: ChatSession, on: boolean, at: number): Promise<void> {
    const { screen } = session;
    if (screen.paused === on) return;
    screen.paused = on;
    const core = this.core(screen);
    if (core) await this.deps.cores.within(on ? core.pauseRecording(screen.key, at) : core.resumeRecording(screen.key, at));
    if (on) screen.blackouts.push({ start: at, stop: null });
    else for (const span of screen.blackouts) if (span.stop === null) span.stop = Math.max(at, span.start);
    await this.deps.store.update(screen.key, screen.ident, { blackouts: screen.blackouts });
    this.publish(on ? 'RECORDINGPAUSED' : 'RECORDINGRESUMED', session);
  }

  private async capture(session: ChatSession): Promise<FanoutOutcome> {
    const { screen } = session;
    const screens = this.deps.cores.screenCores();
    const core = screens.find((c) => c.hasFreeChannel(session.deviceId));
    if (!core) return { answered: [], failed: screens.map((c) => c.coreIdent) };
    try {
      const started = await this.deps.cores.within(core.startRecording({
        key: screen.key, deviceId: session.deviceId, callInstance: session.sessionId, fields: session.fields,
        startedAt: session.startedAt, media: 'screen', startPaused: screen.paused,
      }));
      Object.assign(screen, { coreIdent: core.coreIdent, fileName: started.fileName, mediaType: core.mediaType ?? 'audio/wav' });
      return { answered: [core.coreIdent], failed: [] };
    } catch (err) {
      this.deps.log.error({ err, sessionId: session.sessionId, core: core.coreIdent }, 'screen core did not start the chat session');
      return { answered: [], failed: [core.coreIdent] };
    }
  }

  private core(screen: ScreenRecording): RecorderCore | undefined {
    return screen.coreIdent === undefined ? undefined : this.deps.cores.screenCore(screen.coreIdent);
  }

  /** `stoppedAt`: a RECORDINGSTOPPED's, for its STOPTIME and DURATION. */
  private publish(type: EventType, session: ChatSession, stoppedAt?: number): void {
    const data = chatEventData(session);
    if (stoppedAt !== undefined) data.DURATION = stopDuration(session.startedAt, stoppedAt);
    this.deps.bus.publish({
      type, module: 'Api', deviceId: session.deviceId, at: this.deps.clock.now(), data,
      times: { STARTTIME: session.startedAt, STOPTIME: stoppedAt },
    });
  }
}

/** What a screen recording's info lines name, as an audio recording's do (no COREIDENT when no screen core took it). */
function screenLine(session: ChatSession, more: Record<string, unknown>): Record<string, unknown> {
  const { screen } = session;
  return { device: session.deviceId, recordId: screen.ident, coreIdent: screen.coreIdent, sessionId: session.sessionId, file: screen.fileName || undefined, ...more };
}
