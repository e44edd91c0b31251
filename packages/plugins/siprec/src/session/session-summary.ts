import type { MetadataDialect } from '../metadata/index.js';
import type { SiprecDialog } from './siprec-dialog.js';

/** A SIPREC session as monitors and tests see it. */
export interface SessionSummary {
  readonly callId: string;
  readonly dialect: MetadataDialect;
  readonly confirmed: boolean;
  /** Our device (undefined: no participant matched devices.match). */
  readonly deviceId: string | undefined;
  /** The call's instance, once the session is tied to one. */
  readonly callInstance: string | undefined;
  readonly streams: readonly {
    readonly index: number;
    readonly label: string | undefined;
    readonly port: number;
    readonly side: 'farEnd' | 'device' | 'mixed';
    readonly codec: string;
    readonly sending: boolean;
  }[];
}

export function summarize(dialog: SiprecDialog): SessionSummary {
  return {
    callId: dialog.callId,
    dialect: dialog.session.dialect,
    confirmed: dialog.confirmed,
    deviceId: dialog.parties.deviceId,
    callInstance: dialog.call?.identity.callInstance,
    streams: [...dialog.legs].map(([index, { leg, port }]) => ({
      index,
      label: leg.label,
      port: port.port,
      side: (['farEnd', 'device', 'mixed'] as const)[leg.side],
      codec: leg.codec.name,
      sending: leg.sending,
    })),
  };
}
