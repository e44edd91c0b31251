import type { CallSnapshotSource } from '@callwire/core';

/**
 * The calls in progress as EVENTS SNAPSHOT and `/events?snapshot` read them:
 * the engine's own on the engine node, asked of the engine node elsewhere.
 * It is bound once, before any door opens; a node taking the engine lease
 * switches what it reads.
 */
export class SnapshotSwitch implements CallSnapshotSource {
  constructor(private source: CallSnapshotSource) {}

  use(source: CallSnapshotSource): void {
    this.source = source;
  }

  snapshot() {
    return this.source.snapshot();
  }
}
