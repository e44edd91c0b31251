import type { RecordingSession } from '../metadata/index.js';
import type { SessionContext } from './session-context.js';
import { numberOf, sessionParties, type SessionParties } from './session-parties.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The parties of a session: our device is the participant whose number
 * matches `devices.match`, else the first whose number is an agent's phone
 * (IMPORTAGENTPHONE). A device found by its phone is served by the core
 * from then on, so the scheduler records its call here.
 */
export async function findParties(session: RecordingSession, ctx: SessionContext): Promise<SessionParties> {
  const matched = sessionParties(session, ctx.deviceMatch);
  if (matched.device) return matched;
  for (const participant of session.participants) {
    const number = numberOf(participant.aor);
    if (number === '' || !(await ctx.signals.isAgentPhone(number))) continue;
    ctx.agentPhones.add(number);
    return sessionParties(session, new RegExp(`^${escape(number)}$`));
  }
  return matched;
}
