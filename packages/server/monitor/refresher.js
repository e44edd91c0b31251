/** Runs `work` every `everyMs`, or sooner on request; never two at once. `report` hears how each run went. */
export class Refresher {
  constructor(work, everyMs, report) {
    this.work = work;
    this.everyMs = everyMs;
    this.report = report;
    this.timer = undefined;
    this.running = false;
    this.again = false;
  }

  /** Refreshes now and then periodically. */
  start() {
    this.after(0);
  }

  /** Refreshes within `ms` unless one is due sooner. */
  soon(ms) {
    if (this.running) this.again = true;
    else if (this.dueAt === undefined || this.dueAt > Date.now() + ms) this.after(ms);
  }

  after(ms) {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => void this.run(), ms);
  }

  async run() {
    this.dueAt = undefined;
    this.running = true;
    try {
      await this.work();
      this.report(undefined);
    } catch (err) {
      this.report(err);
    } finally {
      this.running = false;
      this.after(this.again ? 0 : this.everyMs);
      this.again = false;
    }
  }
}
