/**
 * Agents under an AGENTBLACKOUT, and since when. Kept apart from the calls so
 * a call that starts while its agent is blacked out is covered from its first
 * packet (CallService consults this at CALLSTART).
 */
export class AgentBlackouts {
  private readonly since = new Map<number, number>();

  /** Since when the agent is blacked out, or undefined. */
  of(agentId: number | undefined): number | undefined {
    return agentId === undefined ? undefined : this.since.get(agentId);
  }

  begin(agentId: number, at: number): void {
    this.since.set(agentId, at);
  }

  /** Ends the agent's blackout; returns when it began (undefined when none was open). */
  end(agentId: number): number | undefined {
    const began = this.since.get(agentId);
    this.since.delete(agentId);
    return began;
  }
}
