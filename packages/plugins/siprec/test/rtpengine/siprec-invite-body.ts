import { randomBytes } from 'node:crypto';
import type { RecorderFork } from './siprec-fork.js';

/** A participant of the recorded call, tied to rtpengine's fork by its SIP tag. */
export interface ForkParticipant {
  readonly fromTag: string;
  readonly aor: string;
  readonly name?: string;
}

/** The body of a SIPREC INVITE and the Content-Type header that goes with it. */
export interface SiprecInviteBody {
  /** `multipart/mixed;boundary=...` */
  readonly contentType: string;
  readonly body: string;
}

const RECORDING_NS = 'urn:ietf:params:xml:ns:recording:1';

/**
 * What an SRC that forks with rtpengine (OpenSIPS's siprec module, say)
 * sends the SRS: a multipart/mixed body with rtpengine's SIPREC offer as
 * the application/sdp part, and RFC 7865 metadata in which each
 * participant sends the stream whose a=label rtpengine gave its leg and
 * receives the others.
 */
export function siprecInviteBody(fork: RecorderFork, participants: readonly ForkParticipant[]): SiprecInviteBody {
  const boundary = `callwire-${randomBytes(6).toString('hex')}`;
  const parts = [
    ['Content-Type: application/sdp', '', fork.sdp.replace(/\r\n$/, '')].join('\r\n'),
    ['Content-Type: application/rs-metadata+xml', 'Content-Disposition: recording-session', '', recordingMetadata(fork, participants)].join('\r\n'),
  ];
  const body = `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
  return { contentType: `multipart/mixed;boundary=${boundary}`, body };
}

/** RFC 7865 complete snapshot: the session, its participants, one stream per label, and who sends and receives which. */
function recordingMetadata(fork: RecorderFork, participants: readonly ForkParticipant[]): string {
  const sessionId = idOf(`session:${fork.callId}`);
  const labelOf = (fromTag: string): string => {
    const stream = fork.streams.find((s) => s.fromTag === fromTag);
    if (!stream) throw new Error(`rtpengine forked no stream for participant tag ${fromTag} (it forked ${fork.streams.map((s) => s.fromTag).join(', ')})`);
    return stream.label;
  };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<recording xmlns="${RECORDING_NS}">`,
    '  <datamode>complete</datamode>',
    `  <session session_id="${sessionId}"><sipSessionID>${escape(fork.callId)}</sipSessionID></session>`,
    ...participants.map((p) => `  <participant participant_id="${idOf(`participant:${p.fromTag}`)}"><nameID aor="${escape(p.aor)}">${p.name === undefined ? '' : `<name>${escape(p.name)}</name>`}</nameID></participant>`),
    ...fork.streams.map((s) => `  <stream stream_id="${idOf(`stream:${s.label}`)}" session_id="${sessionId}"><label>${escape(s.label)}</label></stream>`),
    ...participants.map((p) => {
      const others = participants.filter((o) => o !== p).map((o) => `<recv>${idOf(`stream:${labelOf(o.fromTag)}`)}</recv>`);
      return `  <participantstreamassoc participant_id="${idOf(`participant:${p.fromTag}`)}"><send>${idOf(`stream:${labelOf(p.fromTag)}`)}</send>${others.join('')}</participantstreamassoc>`;
    }),
    '</recording>',
  ];
  return lines.join('\r\n');
}

/** A metadata id (RFC 7865 uses base64 of a UUID; any token unique in the document does): base64url of the name. */
function idOf(name: string): string {
  return Buffer.from(name).toString('base64url');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
