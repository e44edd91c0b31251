/** What the engine needs from the config, bound as TOKENS.Settings by the host. */
export interface EngineSettings {
  /** config `recordings.path`: where recordings are written (SYSTEMSTATUS measures its disk). */
  readonly recordingsPath: string;
  /** CALLLIST: rows returned when CALLCOUNT is not sent, and the most one request may ask for. */
  readonly callList: { readonly defaultCount: number; readonly maxCount: number };
  /** config `recordings.minFreeMb`: below this much free space CALLSTART answers API_ERROR_OUT_OF_DISK_SPACE; absent = not watched. */
  readonly minFreeMb?: number;
  /** The recording outbox's journal (row writes kept until the database takes them); absent = memory only. */
  readonly recordingJournalPath?: string;
  /** config `events`: the replay buffer's size and the heartbeat's period (event contract v2); absent = the defaults. */
  readonly events?: { readonly replayBuffer?: number; readonly heartbeatSeconds?: number };
  /** Before every recording key (RecordingControllerDeps.keyPrefix): in a cluster, the node and its start. */
  readonly recordingKeyPrefix?: string;
}
