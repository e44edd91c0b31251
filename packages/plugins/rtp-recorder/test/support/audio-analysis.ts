// The audio analysis (Goertzel tone share, peaks, onsets, 20 ms slots) is part of the plugin kit's test support.
export { PACKET_FRAMES, toneShare, peak, onset, slots, type Slot } from '@callwire/plugin-kit/testing';
