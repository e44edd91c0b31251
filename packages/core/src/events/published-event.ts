import { buildDocument, escapeText } from '../protocol/build-result.js';
import { EVENT_CLASS, type CallcopyEvent, type EventClass, type EventTimeField } from './callcopy-event.js';
import { EVENT_LAYOUTS } from './event-layouts.js';
import { v2Data } from './event-v2-data.js';

/** How the serializer writes times: the deployment's ApiTimeFormat. */
export interface EventTimes {
  /** `M/D/YYYY h:mm:ss AM`, the manual's format (a time field the producer left out of EVENTDATA). */
  dateTime(ms: number): string;
  /** ISO 8601 with offset: TIME, and v2's times. */
  iso(ms: number): string;
}

/**
 * Where EVENTXREF goes in the JSON form. JSON.stringify writes the NULs as
 * `\u0000`; only EVENTCLASS, EVENTTYPE and MODULE come before it, so the first
 * occurrence is the mark's. (JSON needs no other care: JSON.stringify escapes
 * every control character and a lone surrogate, and U+FFFE/U+FFFF are legal
 * JSON text, so any value round-trips exactly.)
 */
const XREF_MARK = '\u0000XREF\u0000';
/** The mark as it appears inside a JSON string. */
const JSON_XREF_MARK = JSON.stringify(XREF_MARK).slice(1, -1);
/**
 * Where EVENTXREF goes in the XML form: inside its empty element. The XML is
 * built by buildDocument, which escapes every value and writes U+FFFD for any
 * character XML 1.0 forbids (a NUL mark would be replaced too), so no value
 * can produce this markup, and the first occurrence is EVENTXREF's own.
 */
const XML_XREF_SLOT = '<EVENTXREF></EVENTXREF>';
const XML_XREF_AT = '<EVENTXREF>'.length;

/**
 * An event on its way to subscribers, with its place in the server-wide
 * sequence (SEQ) and its time (TIME). It is serialized once per form, lazily,
 * however many subscribers there are; only EVENTXREF (each subscription's id)
 * is spliced in per subscriber.
 *
 * The XML and v1 JSON forms are the manual's, with SEQ and TIME (and SNAPSHOT
 * `Y` on a snapshot event) after its elements, so a client that reads by
 * name or by position finds what it knew where it knew it.
 */
export class PublishedEvent {
  readonly eventClass: EventClass;
  private xmlParts: [string, string] | undefined;
  private jsonParts: [string, string] | undefined;
  private v2Parts: [string, string] | undefined;
  private isoTime: string | undefined;

  /**
   * @param seq its SEQ; a snapshot event carries the seq of the point it describes (the latest published when taken)
   * @param snapshot it describes a call in progress (sent on request, before live events), not something that just happened
   */
  constructor(readonly event: CallcopyEvent, readonly seq: number, private readonly times: EventTimes, readonly snapshot = false) {
    this.eventClass = EVENT_CLASS[event.type];
  }

  /** TIME: when it happened, ISO 8601 with the deployment zone's offset. */
  get time(): string {
    return (this.isoTime ??= this.times.iso(this.event.at));
  }

  /** The CALLCOPYEVENT document for a subscription, CRLF-terminated, as the TCP event proxy sends it. */
  xml(xref: number | string): string {
    this.xmlParts ??= splitXml(`${this.buildXml()}\r\n`);
    return `${this.xmlParts[0]}${typeof xref === 'number' ? xref : escapeText(xref)}${this.xmlParts[1]}`;
  }

  /** The same event as one JSON object (for WebSocket clients that ask for JSON). */
  json(xref: number | string): string {
    this.jsonParts ??= split(JSON.stringify({ ...this.fields(XREF_MARK), data: this.orderedData(), ...this.sequence() }), JSON_XREF_MARK);
    return `${this.jsonParts[0]}${typeof xref === 'number' ? xref : JSON.stringify(xref).slice(1, -1)}${this.jsonParts[1]}`;
  }

  /**
   * The JSON v2 form: `{ v, seq, time, class, type, module, xref, snapshot,
   * deviceId, data }`, `data` typed and camelCase (event-v2-data.ts).
   * Everything before `xref` is the server's own text, so the object is
   * written in two halves and the subscription's number goes between them.
   */
  jsonV2(xref: number): string {
    this.v2Parts ??= this.buildV2();
    return `${this.v2Parts[0]}${xref}${this.v2Parts[1]}`;
  }

  private buildV2(): [string, string] {
    const { type, module, deviceId } = this.event;
    const head = JSON.stringify({ v: 2, seq: this.seq, time: this.time, class: this.eventClass, type, module });
    const tail = JSON.stringify({ snapshot: this.snapshot, deviceId, data: v2Data(this.event, (ms) => this.times.iso(ms)) });
    return [`${head.slice(0, -1)},"xref":`, `,${tail.slice(1)}`];
  }

  /** SEQ, TIME and (on a snapshot event) SNAPSHOT, the elements appended after the manual's. */
  private sequence(): { SEQ: number; TIME: string; SNAPSHOT?: 'Y' } {
    return this.snapshot ? { SEQ: this.seq, TIME: this.time, SNAPSHOT: 'Y' } : { SEQ: this.seq, TIME: this.time };
  }

  private fields(xref: string) {
    return { EVENTCLASS: this.eventClass, EVENTTYPE: this.event.type, MODULE: this.event.module, EVENTXREF: xref };
  }

  private orderedData(): Record<string, string> {
    const data: Record<string, string> = {};
    const { data: sent, times } = this.event;
    for (const name of EVENT_LAYOUTS[this.event.type]) {
      const instant = times?.[name as EventTimeField];
      data[name] = sent[name] ?? (instant === undefined ? '' : this.times.dateTime(instant));
    }
    return data;
  }

  private buildXml(): string {
    return buildDocument('CALLCOPYEVENT', { ...this.fields(''), EVENTDATA: this.orderedData(), ...this.sequence() });
  }
}

function split(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  return [text.slice(0, at), text.slice(at + mark.length)];
}

function splitXml(text: string): [string, string] {
  const at = text.indexOf(XML_XREF_SLOT) + XML_XREF_AT;
  return [text.slice(0, at), text.slice(at)];
}
