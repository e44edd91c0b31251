import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CallwireProcess } from '../../support/callwire-process.js';
import { natsServerAvailable } from '../../support/nats-server.js';
import { connectTestPostgres, TEST_PG_URL } from '../../support/test-postgres.js';
import { tag, XmlClient } from '../../support/xml-client.js';

/** Whether nats-server and the test PostgreSQL are both there for a cluster test (each says why not, or throws when required). */
export async function clusterCanRun(): Promise<boolean> {
  if (!natsServerAvailable()) return false;
  const client = await connectTestPostgres();
  await client?.end();
  return client !== undefined;
}

/** One PostgreSQL schema for one cluster test: every node's storage. */
export async function clusterSchema(): Promise<{ schema: string; client: pg.Client; drop(): Promise<void> }> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  const schema = `cluster_${process.pid}_${Date.now()}`;
  await client.query(`create schema ${schema}`);
  return {
    schema, client,
    async drop() {
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

/** A `cluster` config section for node `node`. */
export function clusterSection(natsUrl: string, node: string): Record<string, unknown> {
  return { nats: { servers: [natsUrl] }, node, leaseSeconds: 3, requestTimeoutMs: 1500 };
}

/** Writes `config` into a fresh data dir and starts `callwire <command> --config` on it. */
export function spawnNode(command: 'start' | 'core', config: Record<string, unknown>, dir = mkdtempSync(join(tmpdir(), 'callwire-cluster-'))): { process: CallwireProcess; dir: string } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ log: { level: 'info', pretty: false }, ...config }));
  const env = { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' };
  return { process: CallwireProcess.spawn([command, '--config', file], env), dir };
}

/** An API node as a test talks to it: its process, its ports, one XML connection. */
export class ApiNode {
  private nextId = 1;

  private constructor(
    readonly name: string,
    readonly process: CallwireProcess,
    readonly dir: string,
    readonly ports: { api: number; web: number },
    readonly client: XmlClient,
  ) {}

  static async start(name: string, config: Record<string, unknown>, dir?: string): Promise<ApiNode> {
    const { process, dir: used } = spawnNode('start', config, dir);
    const ports = await process.ready(30_000);
    return new ApiNode(name, process, used, ports, await XmlClient.open(ports.api));
  }

  /** Sends one request (`fields` as child elements) and returns its reply. */
  async send(type: string, fields: Record<string, string> = {}): Promise<string> {
    const body = Object.entries(fields).map(([name, value]) => `<${name}>${value}</${name}>`).join('');
    await this.client.write(`<REQUEST><TYPE>${type}</TYPE><REQUESTID>${this.nextId++}</REQUESTID>${body}</REQUEST>\r\n`);
    const [reply] = await this.client.read(1, 10_000);
    return reply!;
  }

  /** RESULTCODE and RESULTMSG of a request. */
  async result(type: string, fields: Record<string, string> = {}): Promise<{ code: number; message: string; reply: string }> {
    const reply = await this.send(type, fields);
    return { code: Number(tag(reply, 'RESULTCODE')), message: tag(reply, 'RESULTMSG') ?? '', reply };
  }

  /** Whether the log says this node took the engine lease. */
  isEngine(): boolean {
    return this.process.lines.some((line) => line['cluster'] === 'engine');
  }

  async waitEngine(timeoutMs = 20_000): Promise<Record<string, unknown>> {
    return this.process.waitFor((line) => line['cluster'] === 'engine', timeoutMs);
  }

  /** Ends the process: SIGKILL (a machine failure) or SIGTERM (a clean stop). */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.client.close();
    const exited = this.process.exit();
    this.process.kill(signal);
    await exited;
  }
}

/** Polls `check` until it holds (rejects after `timeoutMs`, naming `what`). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
