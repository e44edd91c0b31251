import type { CallFields } from './call-data.js';

/** A media type, e.g. `audio/wav` (what EXPORT reads) or `application/json` (a screen core's metadata). */
export type MediaType = 'audio/wav' | (string & {});

/** Channel states as CHANNELS reports them. */
export type ChannelState = 'Idle' | 'PreparingToRecord' | 'Recording' | 'FinishRecording' | 'Error';

/** One recording channel of a core. */
export interface ChannelStatus {
  readonly id: number;
  readonly state: ChannelState;
  /** The device it records now (or always, for a static channel). */
  readonly recordingDevice: string;
  readonly recordingDeviceAlias: string;
  readonly playbackExtension: string;
  /** ms since epoch. */
  readonly lastStateChange: number;
}

/** A call signal as cores receive it. */
export interface CallSignal {
  readonly kind: 'callstart' | 'callstop' | 'callupdate';
  readonly deviceId: string;
  readonly callInstance: string;
  readonly fields: Readonly<CallFields>;
  readonly at: number;
}

/** What the scheduler asks a core to record. */
export interface RecordingOrder {
  /** The engine's handle for this recording; every later command names it. */
  readonly key: string;
  readonly deviceId: string;
  readonly callInstance: string;
  readonly fields: Readonly<CallFields>;
  readonly startedAt: number;
  /** Seconds of silence after which the core should stop by itself (MAXRECORDSILENCE). */
  readonly maxRecordSilence?: number;
  /**
   * Start with the audio blacked out (an agent blackout is in force): write
   * silence from the first packet until resumeRecording.
   */
  readonly startPaused?: boolean;
  /** What to record: the call's audio, or (CHATSTART) the agent's screen only. */
  readonly media?: 'audio' | 'screen';
}

/** Where the media should go and what the core will write. */
export interface RecordingStarted {
  readonly channel: number;
  readonly fileName: string;
  /** host:port a PBX or media fork should send RTP to, when the core receives media over the network. */
  readonly mediaTarget?: { readonly host: string; readonly port: number };
}

/** What a finished recording amounts to. */
export interface RecordingStopped {
  readonly fileName: string;
  readonly durationMs: number;
  readonly audioSize?: number;
}

/**
 * Which devices a core serves, written out for a process that holds only a
 * proxy of it (a cluster's engine node, for a core in a `callwire core`
 * process). Nothing given: every device.
 */
export interface DeviceAssignment {
  /** DEVICEIDs and inclusive numeric ranges (`"7100-7199"`), as rtp-recorder's `devices` option reads them. */
  readonly devices?: readonly string[];
  /** A regular expression (JavaScript syntax) a DEVICEID it serves matches. */
  readonly match?: string;
  /** Devices with a channel of their own: they record only there (and are served whatever the rest says). */
  readonly staticDevices?: readonly string[];
}

/**
 * A recorder backend ("core"): the SPI recorder plugins implement. The
 * scheduler fans call signals out to the cores serving a device, and asks one
 * of them to record; every call resolves when the core has taken the command
 * (a core that does not answer in time is reported as not reached).
 */
export interface RecorderCore {
  /** COREIDENT. */
  readonly coreIdent: number;
  /**
   * What the files this core writes hold, as a media type; stored with each
   * of its recordings. Default `audio/wav`: a RIFF/WAVE file of 16-bit or
   * 8-bit PCM or G.711 (A-law, µ-law), mono or stereo (the header rules of
   * @callwire/plugin-kit's WAV writer), which EXPORT, EMAIL and their
   * combined forms convert to every MEDIA_FORMAT they offer. A recording of
   * any other type (a screen core's `application/json`) is not read: EXPORT
   * answers API_COMMAND_NOT_SUPPORTED naming the recording and its type.
   */
  readonly mediaType?: MediaType;
  /** Whether this core serves the device (its device assignment). */
  serves(deviceId: string): boolean;
  /**
   * The device assignment `serves` answers from, for a core served to other
   * processes (`callwire core`); absent: the proxy takes it to serve every
   * device. It may change (SIPREC learns agents' phones): it is read again
   * at each announcement.
   */
  deviceAssignment?(): DeviceAssignment;
  /** Whether it could start recording this device now. */
  hasFreeChannel(deviceId: string): boolean;
  channels(): readonly ChannelStatus[];
  notify(signal: CallSignal): Promise<void>;
  startRecording(order: RecordingOrder): Promise<RecordingStarted>;
  stopRecording(key: string, at: number): Promise<RecordingStopped>;
  pauseRecording(key: string, at: number): Promise<void>;
  resumeRecording(key: string, at: number): Promise<void>;
  /**
   * Overwrites audio already written for [fromMs, toMs] (ms since the epoch) with silence — a
   * blackout whose TIMEOFFSET reaches back. A core that cannot must not
   * claim to record audio where blackouts matter.
   */
  silence?(key: string, fromMs: number, toMs: number): Promise<void>;
  /** True when the core records screens: chat sessions (CHATSTART) are routed to it. */
  readonly screenCapture?: boolean;
  /**
   * False for a core that records screens only (with `screenCapture`) and
   * takes no calls. Such a core may share its COREIDENT with the audio core
   * of the same recording server — one inContact WFO core records both a
   * station's calls and its screen — so CHATSTART and CALLSTART both answer
   * "sent to all of the following cores: 1". Default true.
   */
  readonly recordsAudio?: boolean;
  /**
   * What keeps the core from serving fully, for `/healthz` and SYSTEMSTATUS:
   * `ok` false when it cannot record at all; `problems` names each part that
   * is out (e.g. "channel 3: port 40004 is in use (EADDRINUSE)").
   */
  health?(): { readonly ok: boolean; readonly problems: readonly string[] };
  /** The device's running recording as live decoded audio (see LiveAudioSource); absent: the core offers none. */
  readonly liveAudio?: LiveAudioSource;
}

/**
 * How a core reports a recording it ended by itself (silence or time limit,
 * media loss). The engine then completes it like a normal stop.
 */
export interface RecordingSink {
  recordingEnded(key: string, stopped: RecordingStopped, reason: string): void;
}

/** Who a live recording's audio is of, as the `/audio` start message names them. */
export interface LiveAudioParticipant {
  /** Display name, or '' when the source gave none. */
  readonly name: string;
  /** Address of record (sip:… or tel:…), or the number; '' when unknown. */
  readonly aor: string;
  /** `device`: our device (the agent); `farEnd`: the other party (the customer). */
  readonly role: 'device' | 'farEnd';
}

/** What one channel of a live audio frame holds: one party, both mixed, or a party the core cannot name. */
export type LiveAudioChannel = 'farEnd' | 'device' | 'mix' | 'sideA' | 'sideB';

/** What a live audio listener learns before the first frame. */
export interface LiveAudioStart {
  readonly deviceId: string;
  /** The engine's key of the recording (RecordingOrder.key). */
  readonly recording: string;
  /** CALLID of the call, '' when it has none. */
  readonly callId: string;
  readonly participants: readonly LiveAudioParticipant[];
  /** Frames a second: 8000 for G.711, 16000 for G.722. */
  readonly sampleRate: number;
  /**
   * What each channel of a frame holds, in order: `['farEnd', 'device']`, or
   * `['mix']` for mono. A core that cannot tell the parties apart names its
   * channels `sideA`/`sideB` (the rtp-recorder: the first and the second RTP
   * stream heard, whichever party each is).
   */
  readonly channels: readonly LiveAudioChannel[];
}

/** Receives a live recording's decoded audio, as the core writes it to the file. */
export interface LiveAudioListener {
  start(info: LiveAudioStart): void;
  /** Interleaved 16-bit PCM frames (channels as the start named them), in file order; the array is reused after the call returns. */
  audio(frames: Int16Array): void;
  /** The recording ended (or the core stopped); nothing follows. */
  stop(reason: string): void;
}

/** A listener's hold on a live recording's audio. */
export interface LiveAudioTap {
  /** Stops sending to the listener; stop() is not called. */
  close(): void;
}

/**
 * Optional on a RecorderCore: hands the audio of the device's running
 * recording to `listener`, start first (`/audio?device=…`). Undefined when the
 * core records nothing on that device now.
 */
export type LiveAudioSource = (deviceId: string, listener: LiveAudioListener) => LiveAudioTap | undefined;
