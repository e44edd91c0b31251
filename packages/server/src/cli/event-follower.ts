import { ApiClient } from './api-client.js';
import type { Target } from './api-target.js';
import { CliError } from './cli-errors.js';
import type { ResultDocument } from './result-document.js';

/** What `callwire events` subscribes to. */
export interface EventQuery {
  readonly eventClass: string;
  readonly deviceIds?: string;
  /** SNAPSHOT=Y on the first subscription (a resumed one has its calls already). */
  readonly snapshot: boolean;
}

/** Waits before the next try to reach a server that is away: 0.2 s, doubling, at most 2 s. */
const RETRY_MS = [200, 400, 800, 1600, 2000];

/**
 * `callwire events --reconnect`: keeps one subscription going across server
 * restarts. It subscribes with V=2, notes the SEQ of every event and control
 * message, and when the connection ends it reconnects (retrying while the
 * server is away) and resumes with SINCE, so nothing held is missed or
 * printed twice; a REPLAYGONE (the server no longer holds what came after
 * the last SEQ, as after a restart) is said on stderr. It ends only when
 * `stopped` resolves (Ctrl-C).
 */
export class EventFollower {
  private since: number | undefined;

  constructor(
    private readonly target: Target,
    private readonly query: EventQuery,
    private readonly print: (event: ResultDocument) => void,
    private readonly say: (line: string) => void,
  ) {}

  async follow(stopped: Promise<void>): Promise<void> {
    let ended = false;
    void stopped.then(() => (ended = true));
    for (let attempt = 0; !ended; attempt++) {
      const client = await this.subscribe().catch((err: unknown) => {
        if (!(err instanceof CliError) || err instanceof SubscriptionRefused) throw err;
        if (attempt === 0 || attempt % 10 === 1) this.say(`${err.message}; retrying`);
        return undefined;
      });
      if (!client) {
        await Promise.race([stopped, delay(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!)]);
        continue;
      }
      attempt = -1;
      const why = await Promise.race([client.closed, stopped.then(() => undefined)]);
      client.close();
      if (!ended) this.say(`${why?.message ?? 'the connection ended'}; reconnecting${this.since === undefined ? '' : ` to resume after SEQ ${this.since}`}`);
    }
  }

  private async subscribe(): Promise<ApiClient> {
    const client = await ApiClient.connect(this.target);
    const parameters: [string, string][] = [['EVENTCLASS', this.query.eventClass], ['V', '2']];
    if (this.query.deviceIds) parameters.push(['EVENTVALUE', this.query.deviceIds]);
    if (this.since !== undefined) parameters.push(['SINCE', String(this.since)]);
    else if (this.query.snapshot) parameters.push(['SNAPSHOT', 'Y']);
    client.onEvent((document) => this.receive(document));
    const reply = await client.request('EVENTS', parameters);
    if (!reply.succeeded) {
      client.close();
      throw new SubscriptionRefused(`the server refused the subscription: ${reply.summary()}`);
    }
    const { host, port } = this.target;
    const resumed = this.since === undefined ? '' : `, resuming after SEQ ${this.since}`;
    this.say(`listening for ${this.query.eventClass} events${this.query.deviceIds ? ` of ${this.query.deviceIds}` : ''} on ${host}:${port} (EVENTXREF ${reply.get('EVENTXREF')}${resumed}); Ctrl-C to stop`);
    return client;
  }

  /** An event is printed; a control message only moves the position (and REPLAYGONE is said). */
  private receive(document: ResultDocument): void {
    const seq = Number(document.get('SEQ'));
    if (document.root === 'CALLWIREEVENT') {
      const control = document.get('CONTROL');
      if (control === 'REPLAYGONE') this.say(`the server no longer holds the events after SEQ ${this.since}; it holds from SEQ ${seq}: some may be missed`);
      else if (Number.isSafeInteger(seq)) this.since = Math.max(this.since ?? 0, seq);
      return;
    }
    // A snapshot event's seq is the point it describes, which its SNAPSHOTEND gives.
    if (document.get('SNAPSHOT') !== 'Y' && Number.isSafeInteger(seq)) this.since = seq;
    this.print(document);
  }
}

/** The server answered EVENTS with an error: reconnecting would not help. */
class SubscriptionRefused extends CliError {}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
