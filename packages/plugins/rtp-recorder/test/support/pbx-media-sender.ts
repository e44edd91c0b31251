// The stand-in PBX's RTP sender is part of the plugin kit's test support.
export { PbxMediaSender, type ToneStream, type Impairments, type PlayTimes } from '@callwire/plugin-kit/testing';
