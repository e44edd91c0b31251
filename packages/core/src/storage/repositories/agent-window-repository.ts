import type { Kysely, Selectable } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import type { AgentWindowTable, Database } from '../schema.js';

/** The latest window information of one computer (AGENTWINDOW). */
export type AgentWindow = Selectable<AgentWindowTable>;

const WINDOW_COLUMNS = [
  'computer_name', 'username', 'domain', 'ip_address', 'status', 'application_title', 'last_update',
] as const;

/** Agent windows as reported by screen capture, one row per computer. */
export class AgentWindowRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Record the latest window of a computer, replacing the previous one. */
  async upsert(window: AgentWindow): Promise<void> {
    const row = fit('agent_windows', window);
    const { computer_name: _key, ...changes } = row;
    await this.db
      .insertInto('agent_windows')
      .values(row)
      .onConflict((oc) => oc.column('computer_name').doUpdateSet(changes))
      .execute();
  }

  /** The window of a computer (COMPUTERNAME). */
  async byComputer(computerName: string): Promise<AgentWindow | undefined> {
    return this.db
      .selectFrom('agent_windows')
      .select(WINDOW_COLUMNS)
      .where('computer_name', '=', fitValue('agent_windows', 'computer_name', computerName))
      .executeTakeFirst();
  }

  /** The most recently updated window of a user (USERNAME). */
  async byUsername(username: string): Promise<AgentWindow | undefined> {
    return this.db
      .selectFrom('agent_windows')
      .select(WINDOW_COLUMNS)
      .where('username', '=', fitValue('agent_windows', 'username', username))
      .orderBy('last_update', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** All windows by computer name. */
  async list(): Promise<AgentWindow[]> {
    return this.db.selectFrom('agent_windows').select(WINDOW_COLUMNS).orderBy('computer_name').execute();
  }
}
