import type { EventBus } from '@callwire/core';
import type { CallwireEvent, EventSource } from '@callwire/plugin-api';

/**
 * The event stream as plugins get it: subscribe only. A listener that throws
 * is reported through `failed` (the host counts it as that plugin's failure);
 * the other subscribers still get the event. `run` runs each delivery as
 * the plugin's code (for fault attribution).
 */
export function eventSource(bus: EventBus, failed: (err: unknown) => void, run: (work: () => void) => void = (work) => work()): EventSource & { close(): void } {
  const subscriptions = new Set<() => void>();
  return {
    subscribe(selection, listener) {
      const deviceIds = selection.deviceIds === undefined ? undefined : new Set(selection.deviceIds);
      const unsubscribe = bus.subscribe({
        eventClass: selection.eventClass ?? 'ALL',
        deviceIds,
        deliver(published) {
          try {
            run(() => listener(published.event as CallwireEvent));
          } catch (err) {
            failed(err);
          }
        },
      });
      const remove = () => {
        unsubscribe();
        subscriptions.delete(remove);
      };
      subscriptions.add(remove);
      return remove;
    },
    /** Removes every subscription the plugin made (at its stop). */
    close() {
      for (const remove of [...subscriptions]) remove();
    },
  };
}
