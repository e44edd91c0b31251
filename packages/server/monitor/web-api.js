/**
 * The WebAPI (`/webAPI.aspx?type=…`), same-origin, so the Basic credentials
 * the browser asked for when `auth.required` is on travel with every call.
 */

let requestId = 0;

/** The URL of one API function (EXPORT's is what the player fetches). */
export function webApiUrl(type, params = {}) {
  return `/webAPI.aspx?${new URLSearchParams({ type, requestid: String(++requestId), ...params })}`;
}

/** Calls one API function; resolves with the RESULT element, rejects with a one-line reason. */
export async function webApi(type, params = {}) {
  let response;
  try {
    response = await fetch(webApiUrl(type, params), { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new Error(`${type}: the server cannot be reached`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${type}: HTTP ${response.status} ${text.trim()}`);
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const result = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || result.nodeName !== 'RESULT') throw new Error(`${type}: the reply is not a RESULT document`);
  const resultType = textOf(result, 'RESULTTYPE');
  if (resultType !== 'API_OK') throw new Error(`${type}: ${resultType}: ${textOf(result, 'RESULTMSG')}`);
  return result;
}

/** The text of the first child element named `name` ('' when absent). */
export function textOf(element, name) {
  for (const child of element.children) if (child.nodeName === name) return child.textContent ?? '';
  return '';
}

/** The child elements named `name`. */
export function childrenNamed(element, name) {
  return [...element.children].filter((child) => child.nodeName === name);
}
