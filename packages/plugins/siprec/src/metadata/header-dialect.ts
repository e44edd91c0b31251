import type { MetadataSnapshot } from './metadata-snapshot.js';
import type { MetadataDialect } from './recording-session.js';
import type { SipHeaders } from './sip-headers.js';

/** A source that sends no metadata body: participants and streams come from its SIP headers and the m-line count. */
export interface HeaderDialect {
  dialect: MetadataDialect;
  recognizes(headers: SipHeaders): boolean;
  read(headers: SipHeaders, mLineCount: number): Pick<MetadataSnapshot, 'participants' | 'association' | 'warnings'>;
}
