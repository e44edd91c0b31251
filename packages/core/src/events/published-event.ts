import { buildDocument, escapeText } from '../protocol/build-result.js';
import { EVENT_CLASS, type CallcopyEvent, type EventClass } from './callcopy-event.js';
import { EVENT_LAYOUTS } from './event-layouts.js';

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
    this.xmlParts ??= splitXml(`${this.buildXml()}\r\n`);
    return `${this.xmlParts[0]}${typeof xref === 'number' ? xref : escapeText(xref)}${this.xmlParts[1]}`;
  }

  /** The same event as one JSON object (for WebSocket clients that ask for JSON). */
  json(xref: number | string): string {
    this.jsonParts ??= split(JSON.stringify({ ...this.fields(XREF_MARK), data: this.orderedData() }), JSON_XREF_MARK);
    return `${this.jsonParts[0]}${typeof xref === 'number' ? xref : JSON.stringify(xref).slice(1, -1)}${this.jsonParts[1]}`;
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
    return buildDocument('CALLCOPYEVENT', { ...this.fields(''), EVENTDATA: this.orderedData() });
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
