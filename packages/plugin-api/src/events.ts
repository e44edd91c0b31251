/** EVENTCLASS: CALL (CALLSTART, CALLSTOP) or RECORD (the RECORDING… events). */
export type EventClass = 'CALL' | 'RECORD';

/** The events of the manual's "Event Interface", by EVENTTYPE. */
export type EventType = 'CALLSTART' | 'CALLSTOP' | 'RECORDINGSTARTED' | 'RECORDINGSTOPPED' | 'RECORDINGUPDATE' | 'RECORDINGPAUSED' | 'RECORDINGRESUMED';

/** One event, as subscribers receive it. */
export interface CallwireEvent {
  readonly type: EventType;
  /** MODULE: `Api` for API and CTI sources. */
  readonly module: string;
  readonly deviceId: string;
  /** EVENTDATA's fields (ANI, DNIS, RECORDID …), in the manual's names. */
  readonly data: Readonly<Record<string, string>>;
  /** When it happened (ms since epoch). */
  readonly at: number;
}

/** What to receive: a class (default ALL) and, optionally, only some DEVICEIDs. */
export interface EventSelection {
  readonly eventClass?: EventClass | 'ALL';
  readonly deviceIds?: Iterable<string>;
}

/**
 * The event stream as a plugin gets it (`ctx.events`): it can follow every
 * documented event, and publish none. A listener runs synchronously in
 * publish order; what it throws counts as the plugin's failure.
 */
export interface EventSource {
  /** Starts delivering matching events to `listener`; returns the function that stops it. */
  subscribe(selection: EventSelection, listener: (event: CallwireEvent) => void): () => void;
}
