/**
 * @callwire/plugin-siprec: a SIPREC session recording server (RFC 7866).
 * Being built: SIP parsing and transactions (src/sip), metadata in every
 * dialect (src/metadata), SDP offers and answers (src/sdp).
 */
export {};
