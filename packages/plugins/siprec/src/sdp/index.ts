/**
 * SDP for the SRS: an SRC's offer read into streams, the recvonly answer
 * planned and written, the SRS's o= line per dialog, and what a re-offer
 * changed.
 */
export * from './sdp-error.js';
export * from './codecs.js';
export * from './read-offer.js';
export * from './answer-plan.js';
export * from './answer-origin.js';
export * from './write-answer.js';
export * from './offer-changes.js';
export * from './write-offer.js';
