/**
 * Test-only reading of the fixture README's tables: for each file, the dialect
 * code, the m-line labels and the participant -> stream facts it states. The
 * README was written from the sources independently of this reader, so it is
 * the expected value for every fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIPREC_FIXTURES } from '../fixtures/siprec-fixtures.js';

export interface StatedParticipant {
  aor: string;
  sends: string[];
  receives: string[];
}

export interface StatedFile {
  dialect: string;
  mLineLabels: string[];
  participants?: StatedParticipant[];
  noAssociation: boolean;
  declared?: { participants: number; streams: number };
}

/** README rows by file name ('x.sip', 'bodies/x.txt', 'metadata/x.xml'). */
export function readmeTable(): Map<string, StatedFile> {
  const rows = new Map<string, StatedFile>();
  for (const line of readFileSync(join(SIPREC_FIXTURES, 'README.txt'), 'utf8').split(/\r?\n/)) {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|+$/g, '').trim());
    const file = cells[0] ?? '';
    if (/^[\w.-]+\.sip$/.test(file) && cells.length >= 11) rows.set(file, stated(cells[2]!, cells[4]!, cells[6]!));
    else if (/^bodies\/\S+$/.test(file) && cells.length >= 7) rows.set(file, stated(cells[3]!, cells[4]!, cells[6]!));
    else if (/^metadata\/\S+$/.test(file) && cells.length >= 4) {
      const [participants, streams] = cells[2]!.split('/').map((n) => Number(n.trim()));
      rows.set(file, { ...stated('RFC7865', '', cells[3]!), declared: { participants: participants!, streams: streams! } });
    }
  }
  return rows;
}

function stated(dialect: string, audio: string, association: string): StatedFile {
  const labels = /\(labels ([^)]*)\)/.exec(audio)?.[1] ?? '-';
  const facts = association.replace(/\s*\[[^\]]*\]\s*$/, '');
  const participants = /: (send|recv|\(no stream\))/.test(facts) ? facts.split('; ').map(participant) : undefined;
  return { dialect, mLineLabels: labels === '-' ? [] : labels.split(','), participants, noAssociation: association.includes('[no association elements]') };
}

function participant(fact: string): StatedParticipant {
  const [, aor, rest] = /^(.*?):\s+(send .*|recv .*|\(no stream\))$/.exec(fact) ?? [];
  const words = (rest ?? '').replace(/undeclared-id /g, '').split(' ');
  const after = (word: string): string[] => words.flatMap((w, i) => (w === word && words[i + 1] ? words[i + 1]!.split(',') : []));
  return { aor: (aor ?? fact).trim(), sends: after('send'), receives: after('recv') };
}
