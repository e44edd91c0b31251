import { buildDocument } from '../protocol/build-result.js';
import { EVENT_CLASS, type CallcopyEvent, type EventClass } from './callcopy-event.js';
import { EVENT_LAYOUTS } from './event-layouts.js';

const XREF_MARK = '\u0000XREF\u0000';
/** The mark as it appears inside a JSON string (JSON.stringify escapes the NULs). */
const JSON_XREF_MARK = JSON.stringify(XREF_MARK).slice(1, -1);

/**
 * An event on its way to subscribers. It is serialized once, lazily, however
 * many subscribers there are; only EVENTXREF (each subscription's id) is
 * spliced in per subscriber.
 */
export class PublishedEvent {
  readonly eventClass: EventClass;
  private xmlParts: [string, string] | undefined;
  private jsonParts: [string, string] | undefined;

  constructor(readonly event: CallcopyEvent) {
    this.eventClass = EVENT_CLASS[event.type];
  }

  /** The CALLCOPYEVENT document for a subscription, CRLF-terminated, as the TCP event proxy sends it. */
  xml(xref: number | string): string {
    this.xmlParts ??= split(`${this.buildXml()}\r\n`);
    return `${this.xmlParts[0]}${xref}${this.xmlParts[1]}`;
  }

  /** The same event as one JSON object (for WebSocket clients that ask for JSON). */
  json(xref: number | string): string {
    this.jsonParts ??= split(JSON.stringify({ ...this.fields(XREF_MARK), data: this.orderedData() }), JSON_XREF_MARK);
    return `${this.jsonParts[0]}${xref}${this.jsonParts[1]}`;
  }

  private fields(xref: string) {
    return { EVENTCLASS: this.eventClass, EVENTTYPE: this.event.type, MODULE: this.event.module, EVENTXREF: xref };
  }

  private orderedData(): Record<string, string> {
    const data: Record<string, string> = {};
    for (const name of EVENT_LAYOUTS[this.event.type]) data[name] = this.event.data[name] ?? '';
    return data;
  }

  private buildXml(): string {
    return buildDocument('CALLCOPYEVENT', { ...this.fields(XREF_MARK), EVENTDATA: this.orderedData() });
  }
}

function split(text: string, mark = XREF_MARK): [string, string] {
  const at = text.indexOf(mark);
  return [text.slice(0, at), text.slice(at + mark.length)];
}
