export * from './recording-timeline.js';
export * from './running-recordings.js';
