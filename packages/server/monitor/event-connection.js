const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * The WebSocket to /events, reopened after any close with exponential
 * backoff (with jitter, so many wallboards do not all knock at once after a
 * server restart); the delay starts over once a connection has opened.
 */
export class EventConnection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.retryMs = FIRST_RETRY_MS;
  }

  open() {
    const ws = new WebSocket(this.url);
    ws.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.handlers.opened();
    };
    ws.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      this.handlers.event(event);
    };
    ws.onclose = () => {
      const delay = Math.round(this.retryMs * (0.75 + Math.random() * 0.5));
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      this.handlers.closed(delay);
      setTimeout(() => this.open(), delay);
    };
  }
}
