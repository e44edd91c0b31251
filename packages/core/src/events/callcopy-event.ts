/** EVENTCLASS of an event; subscribers ask for one of these or ALL. */
export type EventClass = 'CALL' | 'RECORD';

/** The events of the manual's "Event Interface", by EVENTTYPE. */
export type EventType =
  /** A call start notification arrived from a CTI or API source. */
  | 'CALLSTART'
  /** A call stop or call end notification arrived. */
  | 'CALLSTOP'
  /** A recording of a call began. */
  | 'RECORDINGSTARTED'
  /** A recording of a call ended. */
  | 'RECORDINGSTOPPED'
  /** A recording was saved to the database (at stop, or by a later update). */
  | 'RECORDINGUPDATE'
  /** A recording was paused (a blackout began). */
  | 'RECORDINGPAUSED'
  /** A paused recording resumed. */
  | 'RECORDINGRESUMED';

/** The class each event type belongs to. */
export const EVENT_CLASS: Readonly<Record<EventType, EventClass>> = {
  CALLSTART: 'CALL',
  CALLSTOP: 'CALL',
  RECORDINGSTARTED: 'RECORD',
  RECORDINGSTOPPED: 'RECORD',
  RECORDINGUPDATE: 'RECORD',
  RECORDINGPAUSED: 'RECORD',
  RECORDINGRESUMED: 'RECORD',
};

/**
 * One event as the core publishes it. `data` holds EVENTDATA's fields; the
 * serializer writes them in the manual's order for the type (event-layouts.ts),
 * so producers need not care about order.
 */
export interface CallcopyEvent {
  readonly type: EventType;
  /** MODULE: `Api` for API and CTI sources, as the manual's examples show. */
  readonly module: string;
  /** The DEVICEID the event concerns; EVENTVALUE filters on it. */
  readonly deviceId: string;
  readonly data: Readonly<Record<string, string>>;
  /** When it happened (ms since epoch). */
  readonly at: number;
  /**
   * The instants (ms since epoch) behind the event's time fields, by name
   * (STARTTIME, STOPTIME): the JSON v2 form writes them as ISO 8601 with
   * offset, and the XML form formats one the producer left out of `data`.
   */
  readonly times?: Readonly<Partial<Record<EventTimeField, number>>>;
}

/** EVENTDATA fields that hold an instant. */
export type EventTimeField = 'STARTTIME' | 'STOPTIME';
