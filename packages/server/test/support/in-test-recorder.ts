// The in-test recorder core is part of the plugin kit's test support.
export { InTestRecorder } from '@callwire/plugin-kit/testing';
