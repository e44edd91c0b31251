import type { BackoffOptions } from '@callwire/core';

/** Polls `check` every 10 ms until it is true; rejects naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Retry settings that count the retries a source schedules, so a test can
 * wait until a source has really retried a few times rather than sleep and
 * hope it did: Backoff reads `initialMs` once for each wait it hands out.
 */
export function countedRetry(initialMs: number, maxMs: number): { readonly options: BackoffOptions; readonly retries: number } {
  let retries = 0;
  const options: BackoffOptions = {
    get initialMs() {
      retries++;
      return initialMs;
    },
    maxMs,
  };
  return {
    options,
    get retries() {
      return retries;
    },
  };
}
