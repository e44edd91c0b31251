import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config-error.js';

/** Runs `load`, asserts it throws a ConfigError, and returns that error. */
export function expectConfigError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.name, 'ConfigError');
    return error;
  }
  assert.fail('expected loadConfig to throw a ConfigError');
}
