/** When a failed plugin is started again (config `plugins[].restart`). */
export interface RestartPolicy {
  /** Restarts after failures in a row; the next failure leaves the plugin stopped (0: never restarted). */
  readonly maxRestarts: number;
  /** Wait before the first restart; each further failure doubles it, up to maxDelaySeconds. */
  readonly delaySeconds: number;
  readonly maxDelaySeconds: number;
}

export const DEFAULT_RESTART: RestartPolicy = { maxRestarts: 5, delaySeconds: 1, maxDelaySeconds: 60 };

/** A plugin that ran this long without failing starts its count of failures over. */
export const FAILURE_FORGIVEN_AFTER_MS = 10 * 60_000;

/** The wait before restart number `failures` (1 = after the first failure). */
export function restartDelayMs(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.maxDelaySeconds, policy.delaySeconds * 2 ** Math.max(0, failures - 1)) * 1000;
}
