/**
 * One plugin's timers: they run on the host's timers (each callback as the
 * plugin's code, for fault attribution), and whatever is still pending when
 * the plugin stops or fails is cancelled by `cancelAll`.
 */
export { CancellableTimers as PluginTimers } from '@callwire/core';
