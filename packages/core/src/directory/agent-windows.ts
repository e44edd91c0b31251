import type { Clock } from '../clock.js';
import type { AgentWindow, AgentWindowRepository } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';

/** What a desktop agent (screen recording) reports about the window in front of its user. */
export interface AgentWindowReport {
  /** The computer's name; one latest window is kept per computer. */
  readonly computerName: string;
  /** The user logged on to it. */
  readonly username?: string | undefined;
  readonly domain?: string | undefined;
  readonly ipAddress?: string | undefined;
  /** The agent's state as the desktop sees it, e.g. AVAILABLE. */
  readonly status?: string | undefined;
  readonly applicationTitle?: string | undefined;
  /** When the window was seen (ms since the epoch); default: now. */
  readonly at?: number | undefined;
}

/** How AGENTWINDOW names the agent: COMPUTERNAME or USERNAME. */
export interface AgentWindowQuery {
  readonly computerName?: string | undefined;
  readonly username?: string | undefined;
}

/**
 * The latest window of each agent's computer: reported by a desktop agent or
 * a plugin through {@link report}, read by the AGENTWINDOW function.
 */
export class AgentWindows {
  constructor(private readonly deps: { windows: AgentWindowRepository; clock: Clock }) {}

  /**
   * Records a window as the latest of its computer (an older report than the
   * one stored is ignored, so reports may arrive out of order).
   * @returns the window now stored for the computer
   * @throws Error when computerName is blank; ValueTooLongError for a value over 255 characters
   */
  async report(window: AgentWindowReport): Promise<AgentWindow> {
    const computerName = window.computerName.trim();
    if (computerName === '') throw new Error('an agent window report needs a computer name');
    const row: AgentWindow = {
      computer_name: computerName,
      username: window.username ?? null,
      domain: window.domain ?? null,
      ip_address: window.ipAddress ?? null,
      status: window.status ?? null,
      application_title: window.applicationTitle ?? null,
      last_update: window.at ?? this.deps.clock.now(),
    };
    const stored = await this.deps.windows.byComputer(computerName);
    if (stored && stored.last_update > row.last_update) return stored;
    await this.deps.windows.upsert(row);
    return row;
  }

  /**
   * AGENTWINDOW: the latest window of the computer, else of the user (their
   * most recently updated computer).
   * @throws DirectoryError AGENT_NOT_FOUND when neither is known
   */
  async latest(query: AgentWindowQuery): Promise<AgentWindow> {
    const { windows } = this.deps;
    const found = (query.computerName === undefined ? undefined : await windows.byComputer(query.computerName))
      ?? (query.username === undefined ? undefined : await windows.byUsername(query.username));
    if (found) return found;
    const named = [query.computerName && `COMPUTERNAME ${query.computerName}`, query.username && `USERNAME ${query.username}`].filter(Boolean);
    throw new DirectoryError('AGENT_NOT_FOUND', `no agent window is known for ${named.join(' or ') || 'an unnamed agent'}`);
  }
}
