import { ContainerModule, type ResolutionContext } from 'inversify';
import type { Logger } from 'pino';
import { AgentBlackouts } from '../blackouts/agent-blackouts.js';
import { BlackoutService } from '../blackouts/blackout-service.js';
import type { Clock, Timers } from '../clock.js';
import { ApiCommand } from '../commands/api-command.js';
import { CallStartCommand } from '../commands/call-handling/callstart.js';
import { CallStopCommand } from '../commands/call-handling/callstop.js';
import { CallUpdateCommand } from '../commands/call-handling/callupdate.js';
import { RecordStartCommand } from '../commands/call-handling/recordstart.js';
import { RecordStopCommand } from '../commands/call-handling/recordstop.js';
import { EventsCommand } from '../commands/events/events-command.js';
import { BLACKOUT_FUNCTIONS, BlackoutCommand } from '../commands/recording-control/blackout-commands.js';
import { CHAT_FUNCTIONS, ChatCommand } from '../commands/recording-control/chat-commands.js';
import { ChatService } from '../chat/chat-service.js';
import { CoreRegistry } from '../cores/core-registry.js';
import { RecordingController } from '../cores/recording-controller.js';
import { RecordingOutbox } from '../cores/recording-outbox.js';
import { RecordingStore } from '../cores/recording-store.js';
import type { EngineSettings } from '../settings.js';
import { DiskSpaceGuard } from '../status/disk-space-guard.js';
import { EventBus } from '../events/event-bus.js';
import { ApiTimeFormat } from '../protocol/api-time.js';
import { Scheduler } from '../scheduler/index.js';
import type { Storage } from '../storage/index.js';
import { TOKENS } from '../tokens.js';
import { CallService } from './call-service.js';
import { DeviceRegistry } from './device-registry.js';
import { DeviceResolver } from './device-resolver.js';

/**
 * Binds the call-handling engine: live device state, the recorder cores, the
 * recording controller (the recordings' one owner) and store (their rows'
 * one writer), the CallService, the call-handling functions and EVENTS (the
 * event interface).
 * Expects TOKENS.Logger, TOKENS.Clock, TOKENS.Timers, TOKENS.Storage,
 * TOKENS.TimeFormat and a `Scheduler` to be bound by the host.
 */
export const callsModule = new ContainerModule(({ bind }) => {
  bind(EventBus)
    .toDynamicValue((ctx) => new EventBus({ ...settings(ctx)?.events, time: ctx.get<ApiTimeFormat>(TOKENS.TimeFormat), clock: clock(ctx) }))
    .inSingletonScope();
  bind(TOKENS.EventBus).toService(EventBus);
  bind(DeviceRegistry).toSelf().inSingletonScope();
  bind(CoreRegistry).toDynamicValue((ctx) => new CoreRegistry(timers(ctx))).inSingletonScope();
  bind(DeviceResolver).toDynamicValue((ctx) => new DeviceResolver(ctx.get(DeviceRegistry), storage(ctx))).inSingletonScope();
  bind(RecordingOutbox)
    .toDynamicValue((ctx) => new RecordingOutbox({ storage: storage(ctx), log: logger(ctx), journalPath: settings(ctx)?.recordingJournalPath, timers: timers(ctx) }))
    .inSingletonScope();
  bind(RecordingStore)
    .toDynamicValue((ctx) => new RecordingStore({ outbox: ctx.get(RecordingOutbox), storage: storage(ctx), clock: clock(ctx), log: logger(ctx) }))
    .inSingletonScope();
  bind(DiskSpaceGuard)
    .toDynamicValue((ctx) => {
      const s = settings(ctx);
      return new DiskSpaceGuard(s?.recordingsPath ?? '.', s?.minFreeMb ?? 0, clock(ctx));
    })
    .inSingletonScope();
  bind(RecordingController)
    .toDynamicValue((ctx) => new RecordingController({
      cores: ctx.get(CoreRegistry), store: ctx.get(RecordingStore), bus: ctx.get(EventBus),
      clock: clock(ctx), timers: timers(ctx), time: ctx.get<ApiTimeFormat>(TOKENS.TimeFormat), log: logger(ctx),
      keyPrefix: settings(ctx)?.recordingKeyPrefix,
    }))
    .inSingletonScope();
  bind(CallService)
    .toDynamicValue((ctx) => new CallService({
      registry: ctx.get(DeviceRegistry), resolver: ctx.get(DeviceResolver), cores: ctx.get(CoreRegistry), recordings: ctx.get(RecordingController),
      scheduler: ctx.get(Scheduler), storage: storage(ctx), bus: ctx.get(EventBus), clock: clock(ctx),
      time: ctx.get<ApiTimeFormat>(TOKENS.TimeFormat), log: logger(ctx), agentBlackouts: ctx.get(AgentBlackouts),
      diskSpace: settings(ctx)?.minFreeMb ? ctx.get(DiskSpaceGuard) : undefined,
    }))
    .inSingletonScope();
  bind(AgentBlackouts).toSelf().inSingletonScope();
  bind(BlackoutService)
    .toDynamicValue((ctx) => new BlackoutService({
      registry: ctx.get(DeviceRegistry), resolver: ctx.get(DeviceResolver), recordings: ctx.get(RecordingController),
      agents: ctx.get(AgentBlackouts), storage: storage(ctx), clock: clock(ctx), timers: timers(ctx), chat: ctx.get(ChatService),
      cores: ctx.get(CoreRegistry), log: logger(ctx),
    }))
    .inSingletonScope();
  bind(ChatService)
    .toDynamicValue((ctx) => new ChatService({
      storage: storage(ctx), recordings: ctx.get(RecordingController), clock: clock(ctx),
      agentBlackouts: ctx.get(AgentBlackouts), log: logger(ctx),
    }))
    .inSingletonScope();
  for (const type of Object.keys(CHAT_FUNCTIONS)) {
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new ChatCommand(type, ctx.get(ChatService))).inSingletonScope();
  }
  bind(TOKENS.CallSnapshotSource).toService(CallService);
  for (const type of Object.keys(BLACKOUT_FUNCTIONS)) {
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new BlackoutCommand(type, ctx.get(BlackoutService))).inSingletonScope();
  }
  for (const command of [CallStartCommand, CallStopCommand, CallUpdateCommand, RecordStartCommand, RecordStopCommand, EventsCommand]) {
    bind<ApiCommand>(ApiCommand).to(command).inSingletonScope();
  }
});

const settings = (ctx: ResolutionContext) => ctx.get<EngineSettings>(TOKENS.Settings, { optional: true });
const storage = (ctx: ResolutionContext) => ctx.get<Storage>(TOKENS.Storage);
const clock = (ctx: ResolutionContext) => ctx.get<Clock>(TOKENS.Clock);
const timers = (ctx: ResolutionContext) => ctx.get<Timers>(TOKENS.Timers);
const logger = (ctx: ResolutionContext) => ctx.get<Logger>(TOKENS.Logger).child({ component: 'calls' });
