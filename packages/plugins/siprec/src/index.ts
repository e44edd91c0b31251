/**
 * @callwire/plugin-siprec: a SIPREC session recording server (RFC 7866),
 * being built. What exists, each with its tests against the SIPREC
 * fixtures captured from real SBCs:
 * - src/sip: SIP messages, multipart bodies, TCP framing, UAS transactions,
 *   UDP and TCP transports;
 * - src/metadata: the recording session (participants, streams, call ids)
 *   from RFC 7865 metadata in every dialect, or from the headers alone;
 * - src/sdp: an SRC's offer read into streams, the recvonly answer, re-offer changes.
 * Not yet: the sessions that tie them to calls and recordings, so this is
 * not yet a plugin `use: siprec` can load.
 */
export * from './sip/index.js';
export * from './metadata/index.js';
export * from './sdp/index.js';
