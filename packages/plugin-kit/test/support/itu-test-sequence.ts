import { readFileSync } from 'node:fs';

/** The ITU-T G.722 Appendix II digital test sequences the kit's tests carry (test/fixtures/g722-itu). */
const FIXTURES = new URL('../../../test/fixtures/g722-itu/', import.meta.url);

/**
 * Reads one G.722 digital test sequence in the ITU's ASCII form: comment
 * lines between slash-star and star-slash, then lines of 16 hex words and a
 * two-digit check (the negated sum of the line's 64 characters, which is
 * verified, so a damaged fixture fails loudly). Returns the words between the
 * reset pattern at each end (words with bit 0 set), as the test procedure
 * applies them.
 */
export function readItuSequence(name: string): Uint16Array {
  const words: number[] = [];
  const lines = readFileSync(new URL(name, FIXTURES), 'latin1').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.startsWith('/*') || line.trim() === '') return;
    const body = line.slice(0, 64);
    const check = Number.parseInt(line.slice(64, 66), 16);
    const sum = [...body].reduce((total, ch) => total + ch.charCodeAt(0), 0);
    if (!/^[0-9A-F]{64}$/.test(body) || ((-sum) & 0xff) !== check) {
      throw new Error(`${name} line ${index + 1}: not 16 hex words with a matching check`);
    }
    for (let i = 0; i < 64; i += 4) words.push(Number.parseInt(body.slice(i, i + 4), 16));
  });
  const start = words.findIndex((w) => (w & 1) === 0);
  const end = words.findIndex((w, i) => i > start && (w & 1) === 1);
  return Uint16Array.from(words.slice(start, end === -1 ? undefined : end));
}
