import { broadworksDialect } from './dialect-broadworks.js';
import { draftAcmeDialect } from './dialect-draft-acme.js';
import { metaswitchDialect } from './dialect-metaswitch.js';
import { rfc7865Dialect } from './dialect-rfc7865.js';
import { sonusDialect } from './dialect-sonus.js';
import { MetadataError } from './metadata-error.js';
import type { MetadataSnapshot } from './metadata-snapshot.js';
import { readRecordingStructure } from './rs-metadata-structure.js';
import type { XmlDialect } from './xml-dialect.js';
import { parseXmlTree } from './xml-tree.js';

/** Most specific first: vendor parts, then the draft namespace, then the RFC as the fallback. */
const DIALECTS: readonly XmlDialect[] = [broadworksDialect, sonusDialect, metaswitchDialect, draftAcmeDialect, rfc7865Dialect];

/** Reads an rs-metadata document of any dialect; throws MetadataError when it is not XML or not recording metadata. */
export function readMetadataXml(xml: string): MetadataSnapshot {
  const root = parseXmlTree(xml);
  const dialect = DIALECTS.find((d) => d.recognizes(root));
  if (!dialect) throw new MetadataError(`recording metadata has root element <${root.name}>, expected <recording>`);
  const structure = readRecordingStructure(root);
  const vendor = dialect.vendorData(root, structure);
  const participants = structure.participants.map((p) => ({ ...p, role: vendor.roles?.get(p.id) ?? p.role }));
  return { ...structure, dialect: dialect.dialect, participants, callIds: { ...structure.callIds, ...definedOnly(vendor.callIds ?? {}) } };
}

/** The object without its undefined properties (so spreading it keeps what is already known). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
