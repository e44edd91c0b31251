import type { ResultDocument, ResultNode } from './result-document.js';
import { resultJson, type ResultJson } from './result-json.js';

/** Values the server fills in for "not set"; leaving them out keeps a line about what happened. */
const UNSET: Readonly<Record<string, string>> = { KEEPDAYS: '-1', ARCHIVEACTION: '-1', ERRORREASON: 'NONE' };

/**
 * One event as one readable line: its TIME (else the time it arrived), EVENTTYPE, DEVICEID,
 * then every EVENTDATA field that carries something, as NAME=value.
 */
export function eventLine(event: ResultDocument, at: Date): string {
  const data = eventData(event);
  const fields = data
    .filter((node) => node.name !== 'DEVICEID' && node.text !== undefined && node.text !== '' && UNSET[node.name] !== node.text)
    .map((node) => `${node.name}=${quoted(node.text!)}`);
  const device = data.find((node) => node.name === 'DEVICEID')?.text ?? '';
  // TIME (event contract v2) is the server's, in its zone; an older server sent none.
  const time = event.get('TIME').slice(11, 23) || at.toTimeString().slice(0, 8) + `.${String(at.getMilliseconds()).padStart(3, '0')}`;
  return [time, event.get('EVENTTYPE').padEnd(16), device.padEnd(8), ...fields].join(' ').trimEnd();
}

/**
 * One event as one JSON object, shaped like the WebSocket's `format=json`
 * frames: EVENTCLASS, EVENTTYPE, MODULE, EVENTXREF, and `data` with the
 * EVENTDATA fields in the manual's order.
 */
export function eventJson(event: ResultDocument): string {
  const head: Record<string, string | number | ResultJson> = {};
  const tail: Record<string, string | number> = {};
  for (const node of event.nodes) {
    if (node.children !== undefined) continue;
    // SEQ, TIME and SNAPSHOT follow `data`, as in the WebSocket's frames; SEQ is a number there.
    if (node.name === 'SEQ') tail[node.name] = Number(node.text);
    else if (node.name === 'TIME' || node.name === 'SNAPSHOT') tail[node.name] = node.text ?? '';
    else head[node.name] = node.text ?? '';
  }
  return JSON.stringify({ ...head, data: resultJson(eventData(event)), ...tail });
}

function eventData(event: ResultDocument): readonly ResultNode[] {
  return event.nodes.find((node) => node.name === 'EVENTDATA')?.children ?? [];
}

/** A value with spaces is quoted so the line still splits into fields. */
function quoted(value: string): string {
  return /[\s"]/.test(value) ? JSON.stringify(value) : value;
}
