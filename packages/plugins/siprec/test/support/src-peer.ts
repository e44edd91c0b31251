import { request, UdpPeer } from '../sip/sip-test-peer.js';
import { buildResponse, serializeSipMessage, type SipRequest, type SipResponse } from '../../src/sip/index.js';

/** A two-stream SIPREC offer and RFC 7865 metadata: participant `device` sends label 1, `farEnd` label 2. */
export function siprecBody(device: string, farEnd: string, codec: 'PCMU' | 'PCMA' | 'G722' = 'PCMU'): { contentType: string; body: string } {
  const pt = { PCMU: 0, PCMA: 8, G722: 9 }[codec];
  const sdp = ['v=0', 'o=src 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
    `m=audio 40000 RTP/AVP ${pt} 101`, `a=rtpmap:${pt} ${codec}/8000`, 'a=rtpmap:101 telephone-event/8000', 'a=label:1', 'a=sendonly',
    `m=audio 40002 RTP/AVP ${pt} 101`, `a=rtpmap:${pt} ${codec}/8000`, 'a=rtpmap:101 telephone-event/8000', 'a=label:2', 'a=sendonly', ''].join('\r\n');
  const metadata = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>',
    `<participant participant_id="dev"><nameID aor="sip:${device}@pbx.example.com"><name>Agent ${device}</name></nameID></participant>`,
    `<participant participant_id="far"><nameID aor="sip:${farEnd}@carrier.example.com"><name>Customer</name></nameID></participant>`,
    '<stream stream_id="s1"><label>1</label></stream><stream stream_id="s2"><label>2</label></stream>',
    '<participantstreamassoc participant_id="dev"><send>s1</send><recv>s2</recv></participantstreamassoc>',
    '<participantstreamassoc participant_id="far"><send>s2</send><recv>s1</recv></participantstreamassoc>',
    '</recording>',
  ].join('\r\n');
  const body = `--b1\r\nContent-Type: application/sdp\r\n\r\n${sdp}\r\n--b1\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n${metadata}\r\n--b1--\r\n`;
  return { contentType: 'multipart/mixed;boundary=b1', body };
}

/** Stands in for an SRC (an SBC) over UDP: one SIPREC dialog at a time, written as the fixtures' SBCs write theirs. */
export class SrcPeer {
  private cseq = 1;
  private toTag = '';

  private constructor(
    private readonly peer: UdpPeer,
    private readonly sipPort: number,
    readonly callId: string,
  ) {}

  static async open(sipPort: number, callId: string): Promise<SrcPeer> {
    return new SrcPeer(await UdpPeer.open(), sipPort, callId);
  }

  /** INVITE, the 200 (returned), ACK. */
  async invite(content: { contentType: string; body: string }, extra: string[] = []): Promise<SipResponse> {
    const response = await this.send('INVITE', ['Require: siprec', 'Contact: <sip:src@127.0.0.1>;+sip.src', `Content-Type: ${content.contentType}`, ...extra], content.body);
    if (response.status !== 200) return response;
    this.toTag = /tag=([^;\s]+)/.exec(response.headers.get('To') ?? '')?.[1] ?? '';
    this.peer.send(request({ method: 'ACK', port: this.peer.port, callId: this.callId, branch: `z9hG4bK-ack-${this.cseq}`, cseq: this.cseq - 1, toTag: this.toTag }), this.sipPort);
    return response;
  }

  /** A re-INVITE in the dialog (answered 200, then ACKed). */
  async reinvite(content: { contentType: string; body: string }): Promise<SipResponse> {
    const response = await this.send('INVITE', [`Content-Type: ${content.contentType}`], content.body);
    this.peer.send(request({ method: 'ACK', port: this.peer.port, callId: this.callId, branch: `z9hG4bK-ack-${this.cseq}`, cseq: this.cseq - 1, toTag: this.toTag }), this.sipPort);
    return response;
  }

  bye(): Promise<SipResponse> {
    return this.send('BYE', []);
  }

  /** The next request the SRS sends us (its BYE), answered 200. */
  async nextRequest(): Promise<SipRequest> {
    const request = await this.peer.nextRequest();
    this.peer.send(serializeSipMessage(buildResponse(request, 200)), this.sipPort);
    return request;
  }

  close(): void {
    this.peer.close();
  }

  /** Sends a request of the dialog; resolves with its final response. */
  private async send(method: string, extra: string[], body?: string): Promise<SipResponse> {
    const cseq = this.cseq++;
    this.peer.send(request({ method, port: this.peer.port, callId: this.callId, branch: `z9hG4bK-${method}-${cseq}-${this.callId}`, cseq, toTag: this.toTag || undefined, extra, body }), this.sipPort);
    for (;;) {
      const response = await this.peer.next();
      if (response.status >= 200) return response;
    }
  }
}
