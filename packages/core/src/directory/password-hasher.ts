import { availableParallelism } from 'node:os';
import { hashPassword, verifyPassword } from './password-hash.js';

/** Hashing and checking passwords; {@link PasswordHasher} is the bounded one, tests may count calls. */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string, options?: PasswordCheckOptions): Promise<boolean>;
}

export interface PasswordCheckOptions {
  /**
   * Refuse at once ({@link PasswordCheckRefused} `busy`) instead of waiting
   * when the queue is full: for logins, which a client may retry. Directory
   * changes (IMPORTUSER), one at a time per TCP connection, always wait.
   */
  readonly refuseWhenBusy?: boolean;
  /**
   * Asked when the check's turn comes; false: it is not run
   * ({@link PasswordCheckRefused} `withdrawn`), e.g. because the client's
   * address was blocked while it waited.
   */
  readonly stillWanted?: () => boolean;
}

/** A check the hasher did not run: `busy` (the queue was full) or `withdrawn` (no longer wanted when its turn came). */
export class PasswordCheckRefused extends Error {
  override readonly name = 'PasswordCheckRefused';

  constructor(readonly reason: 'busy' | 'withdrawn') {
    super(reason === 'busy' ? 'too many password checks are waiting' : 'the password check was withdrawn');
  }
}

export interface PasswordHasherOptions {
  /** Hashes run at once; default: half the libuv threadpool, and at most the CPUs less one (at least 1). */
  readonly concurrency?: number;
  /** Checks that may wait for a slot before logins are refused; default 10 per slot (a few seconds of work). */
  readonly maxQueue?: number;
  /** The slow functions themselves (tests count or replace them); default scrypt. */
  readonly primitives?: { hash(password: string): Promise<string>; verify(password: string, stored: string): Promise<boolean> };
}

/**
 * Every scrypt the server runs goes through one of these: at most
 * `concurrency` at once, the rest waiting in order, logins past `maxQueue`
 * refused at once.
 *
 * Node's `crypto.scrypt` already runs off the event loop, on libuv's
 * threadpool (4 threads unless UV_THREADPOOL_SIZE says otherwise), so no
 * worker threads are needed; what starved the server was a flood of them:
 * 150 logins took every pool thread (file writes, DNS and zlib wait behind
 * them, and so did CALLSTART's), every CPU, and 32 MiB each. Bounded here,
 * half the pool and one CPU stay free for the rest of the server.
 */
export class PasswordHasher implements PasswordHashing {
  readonly concurrency: number;
  readonly maxQueue: number;
  private readonly primitives: NonNullable<PasswordHasherOptions['primitives']>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: PasswordHasherOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
    this.maxQueue = Math.max(0, options.maxQueue ?? this.concurrency * 10);
    this.primitives = options.primitives ?? { hash: hashPassword, verify: verifyPassword };
  }

  /** Checks waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A new salted hash of `password` (IMPORTUSER); waits its turn. */
  hash(password: string): Promise<string> {
    return this.inTurn(() => this.primitives.hash(password), {});
  }

  /** @throws PasswordCheckRefused when `options` let it be refused, or withdrawn */
  verify(password: string, stored: string, options: PasswordCheckOptions = {}): Promise<boolean> {
    return this.inTurn(() => this.primitives.verify(password, stored), options);
  }

  private async inTurn<T>(work: () => Promise<T>, options: PasswordCheckOptions): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else {
      if (options.refuseWhenBusy && this.waiting.length >= this.maxQueue) throw new PasswordCheckRefused('busy');
      // the slot is handed over by release(), still counted in `running`
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      if (options.stillWanted && !options.stillWanted()) throw new PasswordCheckRefused('withdrawn');
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

function defaultConcurrency(): number {
  const pool = Number(process.env['UV_THREADPOOL_SIZE']) || 4;
  return Math.max(1, Math.min(Math.floor(pool / 2), availableParallelism() - 1));
}
