/** @callwire/server: the composition root, transports and configuration, for embedding Callwire in a program. */
export { CallwireHost, type HostAddresses } from './host/callwire-host.js';
export { createLogger } from './host/create-logger.js';
export { loadConfig, ConfigError, configSchema, type CallwireConfig } from './config/index.js';
