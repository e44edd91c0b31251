import { CallError, type CallData } from '@callwire/plugin-api';
import { fitCallData } from '@callwire/plugin-kit';
import type { RecordingSession } from '../metadata/index.js';
import { dialogRate, resideLegs } from './dialog-legs.js';
import { RecordedCall } from './recorded-call.js';
import type { SessionContext } from './session-context.js';
import { findParties } from './find-parties.js';
import type { SessionParties } from './session-parties.js';
import type { SiprecDialog } from './siprec-dialog.js';

/** Fields of the call a session's metadata speaks for. */
const SESSION_FIELDS = ['ani', 'dnis', 'direction', 'callId'] as const;

/**
 * Ties a confirmed dialog to its call: the other leg's call for a Cisco BiB
 * pair (same x-refci), else a call the engine already has on the device (an
 * API or SMDR call: the session brings its audio), else a new call started
 * through the call path (CALLSTART) with what the metadata says.
 * @returns whether the session is kept: false when it was declined as unscheduled
 */
export async function attachCall(dialog: SiprecDialog, ctx: SessionContext): Promise<boolean> {
  const { parties, session } = dialog;
  const deviceId = parties.deviceId;
  if (deviceId === undefined) {
    const who = session.participants.map((p) => p.aor ?? p.id).join(', ') || 'none';
    ctx.log.warn({ callId: dialog.callId, participants: who, match: ctx.options.devices.match }, `SIPREC session ${dialog.callId}: no participant's number matches devices.match; answered, its audio is not recorded`);
    return true;
  }
  const refci = session.dialect === 'cisco-bib' ? session.callIds.refci : undefined;
  const paired = refci ? ctx.calls.byRefci(refci) : undefined;
  const adoptable = paired ? undefined : ctx.calls.adoptable(deviceId);
  const existing = paired ?? (adoptable instanceof RecordedCall ? adoptable : adoptable && (ctx.calls.get(adoptable) ?? ctx.calls.create(adoptable, 'adopted')));
  if (existing) {
    join(dialog, existing);
    ctx.log.info({ callId: dialog.callId, device: deviceId, instance: existing.identity.callInstance, origin: existing.origin }, paired ? 'SIPREC session joins the other leg of its call (Cisco BiB)' : 'SIPREC session brings the audio of the call already on the device');
    return true;
  }
  const call = ctx.calls.create({ deviceId, callInstance: ctx.calls.freeInstance(deviceId) }, 'session');
  call.refci = refci;
  join(dialog, call);
  try {
    const outcome = await ctx.signals.start(call.identity, fitted(parties.data, dialog, ctx));
    if (outcome.recording || call.recordings.size > 0) return true;
    if (ctx.options.unscheduled.action === 'decline') return false;
    ctx.log.info({ callId: dialog.callId, device: deviceId }, `SIPREC session on device ${deviceId}: no schedule records it; answered, its audio is discarded until a RECORDSTART`);
  } catch (err) {
    call.ended = true;
    ctx.log.warn({ err, callId: dialog.callId, device: deviceId }, `SIPREC session ${dialog.callId}: the call could not be started (${(err as Error).message}); its audio is not recorded`);
  }
  return true;
}

/**
 * The dialog is over: its audio stops. The call ends with it when the
 * session started it and no other leg brings audio; a call that was there
 * before the session goes on (its recording writes silence) until whoever
 * started it stops it.
 */
export async function detachCall(dialog: SiprecDialog, ctx: SessionContext, reason: string): Promise<void> {
  const call = dialog.call;
  dialog.call = undefined;
  if (!call) return;
  call.dialogs.delete(dialog.callId);
  if (call.origin === 'session' && call.dialogs.size === 0 && !call.ended) {
    call.ended = true;
    await ctx.signals.stop(call.identity).catch((err) => {
      if (!(err instanceof CallError && err.reason === 'NOT_IN_CALL')) ctx.log.warn({ err, device: call.identity.deviceId }, `the call of SIPREC session ${dialog.callId} could not be stopped: ${(err as Error).message}`);
    });
    ctx.log.debug({ callId: dialog.callId, device: call.identity.deviceId, reason }, 'SIPREC session ended its call');
  }
  ctx.calls.release(call);
}

/**
 * New metadata (a re-INVITE or UPDATE: a transfer, a participant joining):
 * the legs' sides follow it; a session's own call moves to the new device
 * when our device changed (a transfer), or takes the new ANI/DNIS/CALLID.
 */
export async function metadataChanged(dialog: SiprecDialog, session: RecordingSession, ctx: SessionContext): Promise<void> {
  const before = dialog.parties;
  const parties = await findParties(session, ctx);
  dialog.session = session;
  dialog.parties = parties;
  resideLegs(dialog);
  const call = dialog.call;
  if (!call || call.origin !== 'session' || call.ended) {
    if (!call && parties.deviceId !== undefined && dialog.confirmed && before.deviceId === undefined) await attachCall(dialog, ctx);
    return;
  }
  call.parties = parties;
  try {
    if (parties.deviceId !== undefined && parties.deviceId !== call.identity.deviceId) {
      const from = call.identity;
      ctx.calls.rekey(call, { deviceId: parties.deviceId, callInstance: ctx.calls.freeInstance(parties.deviceId) });
      await ctx.signals.transfer(from, call.identity, fitted(parties.data, dialog, ctx));
      ctx.log.info({ callId: dialog.callId, from: from.deviceId, to: parties.deviceId }, 'SIPREC metadata moved the call to another device (transfer)');
      return;
    }
    const changed = changedFields(before, parties);
    if (changed) await ctx.signals.update(call.identity, fitted(changed, dialog, ctx));
  } catch (err) {
    ctx.log.warn({ err, callId: dialog.callId, device: call.identity.deviceId }, `SIPREC metadata change could not be applied to the call: ${(err as Error).message}`);
  }
}

/**
 * The SRC stopped or started sending on every stream of the call (a hold,
 * a=inactive; and back): the call is held with its recordings paused, or
 * taken back.
 */
export async function holdChanged(dialog: SiprecDialog, ctx: SessionContext): Promise<void> {
  const call = dialog.call;
  if (!call || call.ended) return;
  const sending = ctx.dialogsOf(call.dialogs).some((d) => d.sending);
  if (sending === !call.held) return;
  call.held = !sending;
  try {
    if (call.held) await ctx.signals.hold(call.identity, { pauseRecording: true });
    else await ctx.signals.retrieve(call.identity);
  } catch (err) {
    ctx.log.warn({ err, device: call.identity.deviceId }, `SIPREC ${call.held ? 'hold' : 'resume'} could not reach the call: ${(err as Error).message}`);
  }
}

function join(dialog: SiprecDialog, call: RecordedCall): void {
  dialog.call = call;
  call.dialogs.add(dialog.callId);
  call.parties ??= dialog.parties;
  // A recording already running keeps its file's rate; G.722 then reaches it at 8 kHz.
  if (call.recordings.size === 0 && dialogRate(dialog) === 16000) call.sampleRate = 16000;
}

function changedFields(before: SessionParties, after: SessionParties): CallData | undefined {
  const changed: Record<string, unknown> = {};
  for (const key of SESSION_FIELDS) if (after.data[key] !== undefined && after.data[key] !== before.data[key]) changed[key] = after.data[key];
  return Object.keys(changed).length > 0 ? (changed as CallData) : undefined;
}

/** The call data cut to the manual's field sizes (a long SIP URI must not refuse the call), with a warning. */
function fitted(data: CallData, dialog: SiprecDialog, ctx: SessionContext): CallData {
  const fit = fitCallData(data);
  if (fit.clipped.length > 0) ctx.log.warn({ callId: dialog.callId, clipped: fit.clipped }, `SIPREC session ${dialog.callId}: values cut to the manual's field sizes: ${fit.clipped.join('; ')}`);
  return fit.data;
}
