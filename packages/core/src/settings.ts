/** What the engine needs from the config, bound as TOKENS.Settings by the host. */
export interface EngineSettings {
  /** config `recordings.path`: where recordings are written (SYSTEMSTATUS measures its disk). */
  readonly recordingsPath: string;
  /** CALLLIST: rows returned when CALLCOUNT is not sent, and the most one request may ask for. */
  readonly callList: { readonly defaultCount: number; readonly maxCount: number };
}
