import { buildResponse, type Respond, type SipRequest, type SipRequestHandler } from '../../src/sip/index.js';

/**
 * The session layer as the SIP tests need it: records what it is given and
 * answers 200 with an SDP, except INVITEs whose Call-ID starts with "hold"
 * (left pending, for CANCEL) and requests whose Call-ID starts with "throw".
 */
export class RecordingHandler implements SipRequestHandler {
  readonly requests: SipRequest[] = [];
  readonly acks: SipRequest[] = [];
  readonly cancelled: SipRequest[] = [];
  readonly ackTimeouts: SipRequest[] = [];
  readonly pending: Respond[] = [];

  onRequest(request: SipRequest, respond: Respond): void {
    this.requests.push(request);
    const callId = request.headers.get('Call-ID') ?? '';
    if (callId.startsWith('throw')) throw new Error('handler failed on purpose');
    if (callId.startsWith('hold')) {
      this.pending.push(respond);
      return;
    }
    const sdp = request.method === 'INVITE' ? 'v=0\r\no=srs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=recvonly\r\n' : undefined;
    respond(buildResponse(request, 200, { toTag: 'srs-tag', contact: '<sip:srs@127.0.0.1>', body: sdp, contentType: 'application/sdp' }));
  }

  onAck(ack: SipRequest): void {
    this.acks.push(ack);
  }

  onCancel(invite: SipRequest): void {
    this.cancelled.push(invite);
  }

  onAckTimeout(invite: SipRequest): void {
    this.ackTimeouts.push(invite);
  }
}
