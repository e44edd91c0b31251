import type { CallSignals, Clock, PluginContext, Timers } from '@callwire/plugin-api';
import type { RtpPortPool } from '../media/rtp-port-pool.js';
import type { SiprecOptions } from '../options.js';
import type { SipRequest } from '../sip/index.js';
import type { RecordedCalls } from './recorded-calls.js';
import type { SiprecDialog } from './siprec-dialog.js';

/** Datagrams on the SRS's RTP ports that carried no audio it records. */
export interface DroppedMedia {
  'not-rtp': number;
  'unknown-payload': number;
  'comfort-noise': number;
  'not-sending': number;
}

/** What the session layer works with: the plugin's services, the call path and the SRS's resources. */
export interface SessionContext {
  readonly options: Readonly<SiprecOptions>;
  readonly deviceMatch: RegExp;
  readonly log: PluginContext['log'];
  readonly clock: Clock;
  readonly timers: Timers;
  readonly signals: CallSignals;
  readonly calls: RecordedCalls;
  /** Numbers found to be agents' phones (IMPORTAGENTPHONE): devices the core serves besides devices.match. */
  readonly agentPhones: Set<string>;
  readonly ports: RtpPortPool;
  /** The c= address of answers. */
  readonly mediaAddress: string;
  /** The Contact of our responses and the sent-by of our requests, per transport ('UDP', 'TCP'). */
  contact(transport: string): string;
  sentBy(transport: string): string;
  /** Sends a request of ours in a dialog (BYE); resolves with the final status. */
  send(request: SipRequest, dialog: SiprecDialog): Promise<number>;
  /** The dialogs bringing a call's audio. */
  dialogsOf(callIds: Iterable<string>): SiprecDialog[];
  readonly dropped: DroppedMedia;
}
