import type { TimerHandle } from '@callwire/plugin-api';
import type { MediaLeg } from '../media/media-leg.js';
import type { RtpPort } from '../media/rtp-port-pool.js';
import type { MetadataHeaders, RecordingSession } from '../metadata/index.js';
import type { AnswerOrigin, AnswerPlan, SdpOffer } from '../sdp/index.js';
import type { ReplyChannel } from '../sip/index.js';
import type { RecordedCall } from './recorded-call.js';
import type { SessionParties } from './session-parties.js';

/** One accepted stream of the dialog: its leg and the port it arrives on. */
export interface DialogLeg {
  readonly leg: MediaLeg;
  readonly port: RtpPort;
}

/**
 * One SIPREC dialog (a recording session, RFC 7866 §3): what the SRC
 * offered and the SRS answered, the ports its streams arrive on, what its
 * metadata says, and the call its audio belongs to.
 */
export class SiprecDialog {
  /** The SRC's last offer; undefined while a delayed offer waits for the answer in the ACK. */
  offer: SdpOffer | undefined;
  plan: AnswerPlan | undefined;
  /** The SDP the SRS last sent (its answer, or its offer for a delayed offer). */
  localSdp = '';
  session: RecordingSession;
  parties: SessionParties;
  /** Ports bound for a delayed offer's streams, until the ACK's answer says what they carry. */
  reserved: RtpPort[] = [];
  /** Accepted streams by m-line index. */
  readonly legs = new Map<number, DialogLeg>();
  call: RecordedCall | undefined;
  /** The ACK came: the dialog is confirmed. */
  confirmed = false;
  /** CANCEL, BYE, an ACK that never came, or the core stopping. */
  ended = false;
  /** Our CSeq for requests we send (BYE). */
  localCseq = 0;
  /** RFC 4028 session interval (s), when the SRC asked for session timers. */
  sessionExpires: number | undefined;
  expiry: TimerHandle | undefined;

  constructor(
    readonly callId: string,
    /** Our To tag. */
    readonly localTag: string,
    /** The INVITE's headers (the metadata reader's form). */
    readonly headers: MetadataHeaders,
    /** The INVITE's From (with the SRC's tag) and To (to which our tag was added). */
    readonly remote: { readonly from: string; readonly to: string; readonly contact: string | undefined },
    /** Where requests we send in the dialog go: the INVITE's transport and peer. */
    readonly channel: ReplyChannel,
    readonly origin: AnswerOrigin,
    session: RecordingSession,
    parties: SessionParties,
  ) {
    this.session = session;
    this.parties = parties;
  }

  /** Every port the dialog holds. */
  get ports(): RtpPort[] {
    return [...this.reserved, ...[...this.legs.values()].map((l) => l.port)];
  }

  /** Whether the SRC sends on any stream now (false: every stream inactive, the call is on hold). */
  get sending(): boolean {
    return [...this.legs.values()].some((l) => l.leg.sending);
  }
}
