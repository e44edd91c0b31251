/** Small DOM and formatting helpers the panels share. */

/** A div holding `text`. */
export function line(text, className) {
  const div = document.createElement('div');
  if (className) div.className = className;
  div.textContent = text;
  return div;
}

/** An element with a class and text. */
export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** "m:ss", or "h:mm:ss" from an hour on. */
export function elapsedText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** HH:MM:SS in the browser's zone. */
export const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** YYYY-MM-DD HH:MM:SS in the browser's zone. */
export function dateTimeText(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime.format(d)}`;
}

export const DIRECTIONS = { I: 'Inbound', O: 'Outbound', X: 'Internal' };

/** Device ids in human order (2, 10, 100). */
export const byDeviceId = new Intl.Collator(undefined, { numeric: true }).compare;
