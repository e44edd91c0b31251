import { readFileSync } from 'node:fs';

/** The fixture: tapi.h's LINECALLSTATE values and the typical sequences seen on a monitored line. */
export const SEQUENCES_FILE = new URL('../../../test/fixtures/tapi_linecallstate_sequences.txt', import.meta.url);

/** One state of a written sequence: `CONNECTED`, `(ACCEPTED)` (may be missing), `DISCONNECTED(NOANSWER|PICKUP)`. */
export interface WrittenState {
  readonly state: string;
  readonly modes: readonly string[];
  readonly optional: boolean;
}

/** One state as the bridge sends it (a tapi.h name, or its number). */
export interface StateChange {
  readonly state: string | number;
  readonly mode?: string;
}

const TOKEN = /^(\()?([A-Z]+)(?:\(([A-Z|]+)\))?(\))?$/;

/**
 * The fixture's sequences written in arrow notation (`# name : A -> B -> C`),
 * by name. Lines whose parts are prose (the transfer and conference notes)
 * are not sequences of one call and are left to the tests that script them.
 */
export function writtenSequences(text = readFileSync(SEQUENCES_FILE, 'utf8')): Map<string, WrittenState[]> {
  const sequences = new Map<string, WrittenState[]>();
  for (const line of text.split('\n')) {
    const match = /^#\s+([a-z][a-z/ ]*?)\s*:\s*(.+)$/.exec(line);
    if (!match || !match[2]!.includes('->')) continue;
    // "IDLE   (PICKUP = answered elsewhere)": a comment after the sequence.
    const body = match[2]!.replace(/\s{2,}\(.*\)\s*$/, '');
    const states = body.split('->').map((part) => TOKEN.exec(part.trim()));
    if (states.some((m) => m === null)) continue;
    sequences.set(
      match[1]!,
      states.map((m) => ({ state: m![2]!, modes: m![3]?.split('|') ?? [], optional: m![1] === '(' && m![4] === ')' })),
    );
  }
  return sequences;
}

/** The fixture's `LINECALLSTATE_X = 0x...` table. */
export function stateValues(text = readFileSync(SEQUENCES_FILE, 'utf8')): Map<string, number> {
  const values = new Map<string, number>();
  for (const match of text.matchAll(/^LINECALLSTATE_([A-Z]+)\s*=\s*(0x[0-9A-Fa-f]+)/gm)) values.set(match[1]!, Number(match[2]));
  return values;
}

/**
 * The concrete runs of a written sequence: with or without its optional
 * states, and one run per alternative mode (`NOANSWER|PICKUP` gives two).
 */
export function runsOf(written: readonly WrittenState[], withOptional: boolean): StateChange[][] {
  let runs: StateChange[][] = [[]];
  for (const step of written) {
    if (step.optional && !withOptional) continue;
    const modes = step.modes.length > 0 ? step.modes : [undefined];
    runs = runs.flatMap((run) => modes.map((mode) => [...run, mode === undefined ? { state: step.state } : { state: step.state, mode }]));
  }
  return runs;
}
