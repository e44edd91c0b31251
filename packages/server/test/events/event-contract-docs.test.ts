import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { EventBus, EventsCommand, type CallSnapshotSource } from '@callwire/core';
import { parseEventStreamQuery } from '../../src/events/event-stream-query.js';

const root = new URL('../../../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
/** The README's section "Events: the contract", up to the next section. */
const section = /^## Events: the contract\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';

/** Found 4 of issue 18: the event shapes were documented nowhere, TCP SNAPSHOT=Y only in the CLI's source. */
describe('the event contract, as the README documents it', () => {
  it('has a section "Events: the contract"', () => {
    assert.ok(section.length > 1000, 'README.md has no section "Events: the contract"');
  });

  it('documents every parameter EVENTS takes on the TCP port (SNAPSHOT, SINCE, V among them) and every query parameter of /events', () => {
    const none: CallSnapshotSource = { snapshot: () => [] };
    const parameters = ['EVENTCLASS', ...Object.keys(new EventsCommand(new EventBus(), none).fields)];
    assert.deepEqual(parameters.filter((name) => !section.includes(`| \`${name}\``)), [], 'TCP EVENTS parameters missing from the table');
    const query = ['class', 'value', 'format', 'snapshot', 'since', 'v'];
    assert.ok(!('error' in parseEventStreamQuery(new URLSearchParams(query.map((q) => [q, '']) as [string, string][]))));
    assert.deepEqual(query.filter((name) => !section.includes(`\`${name}`)), [], '/events query parameters missing');
    for (const control of ['HEARTBEAT', 'SNAPSHOTEND', 'REPLAYGONE']) assert.ok(section.includes(`\`${control}\``), control);
  });

  it('shows a client of at most 20 lines that is examples/events-client.mjs, word for word, and links the JSON Schema', () => {
    const client = readFileSync(new URL('examples/events-client.mjs', root), 'utf8');
    assert.ok(client.trimEnd().split('\n').length <= 20, 'the example client is longer than 20 lines');
    assert.ok(section.includes(`\`\`\`js\n${client}\`\`\``), 'the README shows another client than examples/events-client.mjs');
    assert.ok(section.includes('docs/events-v2.schema.json') && existsSync(new URL('docs/events-v2.schema.json', root)));
  });
});
