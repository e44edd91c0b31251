import type { XmlClient } from '../support/xml-client.js';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities of element text. */
export function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
}

/** The decoded text of the first `<name>` element of a reply (undefined when there is none). */
export function text(reply: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(reply);
  return match ? decode(match[1]!) : undefined;
}

/** The elements of a RESULT after RESULTMSG, one level deep, as [name, decoded text] in order. */
export function resultData(reply: string): [string, string][] {
  const after = reply.slice(reply.indexOf('</RESULTMSG>') + '</RESULTMSG>'.length);
  return [...after.matchAll(/^\t<([A-Z_]+)>([^<]*)<\/\1>$/gm)].map((m) => [m[1]!, decode(m[2]!)]);
}

/** Each `<USER>` block of an IMPORTUSER LIST reply, as [name, decoded text] pairs in element order. */
export function listedUsers(reply: string): [string, string][][] {
  return [...reply.matchAll(/<USER>\n([\s\S]*?)\n\t*<\/USER>/g)].map((block) =>
    [...block[1]!.matchAll(/<([A-Z_]+)>([^<]*)<\/\1>/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string]),
  );
}

/** One listed user as an object, by USER_ID. */
export function listedUser(reply: string, userId: number | string): Record<string, string> | undefined {
  const block = listedUsers(reply).find((fields) => fields.some(([name, value]) => name === 'USER_ID' && value === String(userId)));
  return block && Object.fromEntries(block);
}

/**
 * Sends a request document exactly as printed (lines joined with CRLF, then
 * the terminating CRLF) and returns the reply.
 */
export async function sendVerbatim(client: XmlClient, document: string): Promise<string> {
  await client.write(`${document.trim().split('\n').join('\r\n')}\r\n`);
  const [reply] = await client.read();
  return reply!;
}
