import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);

/**
 * The PBX lines of a sample file in test/fixtures: every line but the
 * fixture's own `#` annotations and blank lines, exactly as printed.
 */
export function sampleLines(file: string): string[] {
  return readFileSync(new URL(file, FIXTURES), 'latin1')
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('#') && line.trim() !== '');
}

/**
 * `text` cut into pieces of the given sizes, repeated: small pieces split a
 * record mid-line (and a CRLF between its CR and LF), large ones carry
 * several records per write.
 */
export function chunked(text: string, sizes: readonly number[] = [7, 1, 33, 250, 3, 90, 1000]): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}
