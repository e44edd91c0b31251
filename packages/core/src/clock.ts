// The clock and timers are part of the plugin contract (@callwire/plugin-api).
export { systemClock, systemTimers, type Clock, type Timers, type TimerHandle } from '@callwire/plugin-api';
