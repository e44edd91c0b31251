import { createRequire } from 'node:module';

/** This contract's version: what a plugin's `hostVersion` range is checked against. */
export const PLUGIN_API_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
