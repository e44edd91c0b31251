// The recorder-core SPI is part of the plugin contract (@callwire/plugin-api).
export type {
  ChannelState, ChannelStatus, CallSignal, RecordingOrder, RecordingStarted, RecordingStopped, RecorderCore, RecordingSink, MediaType,
} from '@callwire/plugin-api';
