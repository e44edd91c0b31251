// CallError is part of the plugin contract: plugins catch it.
export { CallError, isCallError, type CallErrorReason } from '@callwire/plugin-api';

/** The manual's wording when a device cannot be found. */
export const DEVICE_NOT_FOUND = 'Could not find a device matching given parameters';

/** The manual's wording of API_DEVICE_INVALID for the blackout functions. */
export const DEVICE_INVALID_FOR_BLACKOUT = 'Could not find a valid device from the given parameters';
