import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture SIPp templates: what the SRCs really sent, with SIPp's keywords in place of addresses and ids. */
export const TEMPLATES = fileURLToPath(new URL('../../../test/fixtures/siprec/templates/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/siprec/', import.meta.url));

/** One step of an SRC's side of a recording session. */
export type SrcStep =
  /** Send a fixture message (INVITE, re-INVITE, UPDATE, BYE, CANCEL) and wait for its final response. */
  | { readonly send: string; readonly expect?: number }
  /** Send a fixture ACK (Cisco BiB's, with the SDP answer) instead of the plain one after the INVITE's 200. */
  | { readonly ack: string }
  | { readonly pause: number }
  /** A plain BYE, for a fixture flow that has none of its own. */
  | { readonly bye: true };

/**
 * A fixture message as a SIPp template. Files under templates/ already are
 * one; a concrete fixture (a single captured INVITE) is turned into one:
 * the fixture's fixed addresses, Call-ID, tags and branches become SIPp's
 * keywords, Content-Length [len]; nothing else is touched.
 */
export function template(name: string): string {
  try {
    // The Oracle SBC flow reads its numbers from CSV files of its own: their first records (the README's values).
    return readFileSync(join(TEMPLATES, name), 'latin1')
      .replace(/\[field0 file="tenant-users\.csv"\]/g, '1000000000')
      .replace(/\[field0 file="callee\.csv"\]/g, '1200000000');
  } catch {
    const text = readFileSync(join(FIXTURES, name), 'latin1');
    const callId = /^(?:Call-ID|i)\s*:\s*(.+?)\r?$/im.exec(text)?.[1] ?? '';
    return text
      .split(callId).join('[call_id]')
      .replace(/127\.0\.0\.1:5060/g, '[local_ip]:[local_port]')
      .replace(/127\.0\.0\.1:5080/g, '[remote_ip]:[remote_port]')
      .replace(/127\.0\.0\.1/g, '[local_ip]')
      .replace(/SIP\/2\.0\/UDP/gi, 'SIP/2.0/[transport]')
      .replace(/branch=[^;\s]+/gi, 'branch=[branch]')
      .replace(/^((?:From|f)\s*:.*;tag=)[^;\s]+/im, '$1[pid]SIPpTag00[call_number]')
      .replace(/^(Content-Length|l)\s*:.*$/im, '$1: [len]');
  }
}

/** The CSeq number of a template. */
function cseqOf(text: string): string {
  return /^CSeq\s*:\s*(\d+)/im.exec(text)?.[1] ?? '1';
}

/** A request without a body in the dialog of the last response: an ACK (for a 2xx, a new branch; else the INVITE's Via) or a BYE. */
function plainRequest(method: 'ACK' | 'BYE', cseq: string, via = 'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]'): string {
  return [
    `${method} sip:srs@[remote_ip]:[remote_port];transport=[transport] SIP/2.0`,
    via,
    '[last_From:]',
    '[last_To:]',
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The body of a <send> holding `message`: CDATA, its ]]> split apart should a message hold one. */
const cdata = (message: string) => `<![CDATA[\n${message.replace(/]]>/g, ']]]]><![CDATA[>')}\n]]>`;

/**
 * Writes a SIPp UAC scenario playing `steps` as the SRC, into `dir`; returns its path.
 * An INVITE is answered 100 (optional) and 200, then ACKed; any other request waits for its final response.
 */
export function writeSrcScenario(dir: string, name: string, steps: readonly SrcStep[]): string {
  const xml: string[] = ['<?xml version="1.0" encoding="ISO-8859-1" ?>', `<scenario name="${name}">`];
  let cseq = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if ('pause' in step) {
      xml.push(`  <pause milliseconds="${step.pause}"/>`);
      continue;
    }
    if ('ack' in step) continue; // sent in place of the plain ACK, below
    if ('bye' in step) {
      xml.push(`  <send retrans="500">${cdata(plainRequest('BYE', String(++cseq)))}</send>`, '  <recv response="200"/>');
      continue;
    }
    const message = template(step.send);
    cseq = Math.max(cseq, Number(cseqOf(message)));
    const method = /^(\w+)/.exec(message)?.[1] ?? '';
    xml.push(`  <send retrans="500">${cdata(message)}</send>`);
    const expect = step.expect ?? 200;
    if (method === 'INVITE') {
      xml.push('  <recv response="100" optional="true"/>');
      xml.push(`  <recv response="${expect}" rtd="true"/>`);
      const next = steps[i + 1];
      const ack = expect >= 300 ? plainRequest('ACK', cseqOf(message), '[last_Via:]') : next && 'ack' in next ? template(next.ack) : plainRequest('ACK', cseqOf(message));
      xml.push(`  <send>${cdata(ack)}</send>`);
    } else {
      xml.push(`  <recv response="${expect}"/>`);
    }
  }
  xml.push('</scenario>', '');
  const path = join(dir, `${name}.xml`);
  writeFileSync(path, xml.join('\n'), 'latin1');
  return path;
}
