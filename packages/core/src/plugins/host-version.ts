import { createRequire } from 'node:module';
import semver from 'semver';

const require = createRequire(import.meta.url);

/** This @callwire/core's version: what plugins' `hostVersion` ranges are checked against. */
export const CORE_VERSION: string = (require('../../../package.json') as { version: string }).version;

/** Undefined when the range admits this core, else a sentence saying what to do. */
export function checkHostVersion(pluginName: string, range: string): string | undefined {
  if (semver.validRange(range) === null) return `plugin ${pluginName} declares an invalid hostVersion '${range}'`;
  if (semver.satisfies(CORE_VERSION, range, { includePrerelease: true })) return undefined;
  return `plugin ${pluginName} needs @callwire/core ${range} but this is ${CORE_VERSION}; install a version of the plugin made for ${CORE_VERSION}`;
}
