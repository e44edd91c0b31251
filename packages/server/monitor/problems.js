/**
 * The banner for what is going wrong, one entry per source (CHANNELS,
 * SYSTEMSTATUS …), so a source that recovers clears its own message and no
 * other's.
 */
export class Problems {
  /** @type {Map<string, string>} */
  messages = new Map();

  constructor(banner) {
    this.banner = banner;
  }

  /** The outcome of `source`'s latest attempt: an error, or undefined for success. */
  report(source, err) {
    if (err === undefined) this.messages.delete(source);
    else this.messages.set(source, err instanceof Error ? err.message : String(err));
    this.banner.textContent = [...this.messages.values()].join(' · ');
    this.banner.hidden = this.messages.size === 0;
  }
}
