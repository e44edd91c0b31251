import { monitorApi } from './monitor-api.js';

/**
 * Agent names from the directory (/monitor/api/agents): an event names its
 * agent by AGENTID (the user id), SYS_USER or CRM_USER; the page shows the
 * user's name. An id the directory does not know yet asks again (at most
 * every RELOAD_MS), since users are added while the page is open.
 */
const RELOAD_MS = 5000;

export class Agents {
  byId = new Map();
  bySysUser = new Map();
  byCrmUser = new Map();
  loadedAt = 0;
  loading = undefined;

  /** Called when names arrived (the page re-renders rows naming agents). */
  onChange = () => {};

  async load() {
    this.loadedAt = Date.now();
    const agents = await monitorApi('agents');
    this.byId = new Map(agents.map((a) => [String(a.id), a.name]));
    this.bySysUser = new Map(agents.filter((a) => a.sysUser).map((a) => [a.sysUser.toLowerCase(), a.name]));
    this.byCrmUser = new Map(agents.filter((a) => a.crmUser).map((a) => [a.crmUser.toLowerCase(), a.name]));
    this.onChange();
  }

  /** The name of the agent of `{ agentId, sysUser, crmUser }`, or what the event said when the directory has no such user. */
  nameOf({ agentId, sysUser, crmUser }) {
    const known = (agentId && this.byId.get(agentId)) || (sysUser && this.bySysUser.get(sysUser.toLowerCase())) || (crmUser && this.byCrmUser.get(crmUser.toLowerCase()));
    if (known) return known;
    if (agentId && !this.loading && Date.now() - this.loadedAt > RELOAD_MS) this.loading = this.load().catch(() => undefined).finally(() => (this.loading = undefined));
    return sysUser || crmUser || (agentId ? `agent ${agentId}` : '');
  }
}
