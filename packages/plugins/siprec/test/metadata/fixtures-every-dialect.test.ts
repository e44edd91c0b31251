import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetadataError, readRecordingSession, type RecordingSession, type RecordingSessionInput } from '../../src/metadata/index.js';
import { fixtureFiles, fixtureMessages, SIPREC_FIXTURES } from '../fixtures/siprec-fixtures.js';
import { readmeTable, type StatedFile } from './readme-table.js';
import { splitBody, splitMessage } from './split-fixture.js';

const table = readmeTable();
const bodyText = (bytes: Buffer): string => bytes.toString('utf8');

/** The README's dialect code as the reader names it; '-' rows (SDP only, no body) are read from the headers. */
function expectedDialect(code: string, input: RecordingSessionInput): string | undefined {
  const first = code.split(/[ ,]/)[0]!;
  if (/not well-formed|UNPARSEABLE/.test(code)) return undefined;
  if (first === '-' || (code.includes('(no body)') && !input.headers?.has('x-cisco-recording-participant') && first === 'CISCO-NBR')) return 'none';
  return first.toLowerCase();
}

const assertMembers = (actual: string[], expected: string[], what: string): void =>
  assert.deepEqual([...actual].sort(), [...expected].sort(), what);

/** How the README names a participant: its AOR, or "id " and the first 12 characters of its id when it has none. */
const statedName = (p: { aor?: string; id: string }): string => p.aor ?? `id ${p.id.slice(0, 12)}`;

function expectStated(session: RecordingSession, stated: StatedFile): void {
  const labels = session.streams.map((s) => s.label);
  for (const label of stated.mLineLabels) assert.ok(labels.includes(label), `m-line label ${label} in ${labels.join(',')}`);
  if (!stated.participants) return;
  assertMembers(session.participants.map(statedName), stated.participants.map((p) => p.aor), 'participants');
  for (const fact of stated.participants) {
    const participant = session.participants.find((p) => statedName(p) === fact.aor)!;
    if (stated.noAssociation && session.streams.length > 0) {
      assert.equal(session.association, 'm-line-order');
      assert.ok(participant.sends.length > 0, `${fact.aor} was given a stream in m-line order`);
      continue;
    }
    assertMembers(participant.sends, fact.sends, `${fact.aor} sends`);
    assertMembers(participant.receives, fact.receives, `${fact.aor} receives`);
  }
}

describe('metadata: every SIPREC fixture reads into one RecordingSession', () => {
  it('the README states facts for every fixture file', () => {
    assert.deepEqual(fixtureMessages().filter((f) => !table.has(f.name)).map((f) => f.name), []);
    assert.deepEqual(fixtureFiles('bodies', '.txt').filter((f) => !table.has(`bodies/${f.name}`)).map((f) => f.name), []);
    assert.equal(fixtureFiles('metadata', '.xml').filter((f) => table.has(`metadata/${f.name}`)).length, 17);
  });

  for (const { name, bytes } of fixtureMessages()) {
    const stated = table.get(name)!;
    it(`${name}: ${stated?.dialect}`, () => {
      const input = splitMessage(bytes);
      const dialect = expectedDialect(stated.dialect, input);
      if (dialect === undefined) {
        assert.throws(() => readRecordingSession(input), (e) => e instanceof MetadataError && /not well-formed XML: .+ \(line \d+, column \d+\)/.test(e.message));
        return;
      }
      const session = readRecordingSession(input);
      assert.equal(session.dialect, dialect);
      assert.equal(session.callIds.callId, input.headers!.get('call-id')![0]);
      expectStated(session, stated);
    });
  }

  for (const { name, bytes } of fixtureFiles('bodies', '.txt')) {
    const stated = table.get(`bodies/${name}`)!;
    it(`bodies/${name}`, () => {
      const input = splitBody(bodyText(bytes), '');
      if (name.includes('unescaped-ampersand')) {
        assert.throws(() => readRecordingSession(input), (e) => e instanceof MetadataError && /not well-formed XML: char '&' is not expected\. \(line \d+, column \d+\)/.test(e.message));
        return;
      }
      const session = readRecordingSession(input);
      assert.equal(session.dialect, expectedDialect(stated.dialect, input));
      expectStated(session, stated);
    });
  }

  for (const { name, bytes } of fixtureFiles('metadata', '.xml')) {
    const stated = table.get(`metadata/${name}`)!;
    it(`metadata/${name}: ${stated.declared!.participants} participants / ${stated.declared!.streams} streams`, () => {
      const session = readRecordingSession({ metadata: bodyText(bytes) });
      assert.equal(session.dialect, 'rfc7865');
      assert.equal(session.participants.length, stated.declared!.participants);
      assert.equal(session.streams.filter((s) => s.declared).length, stated.declared!.streams);
      for (const p of session.participants) for (const ref of p.streams) assert.ok(session.streams.some((s) => (s.label ?? s.id) === ref), ref);
      expectStated(session, stated);
    });
  }

  it('reads the fixture folder it claims to (sanity of the path)', () => {
    assert.match(readFileSync(join(SIPREC_FIXTURES, 'README.txt'), 'utf8'), /^SIPREC fixture samples/);
  });
});
