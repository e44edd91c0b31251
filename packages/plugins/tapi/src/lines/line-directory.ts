import type { TapiOptions } from '../options.js';

/** A line device as the bridge describes it (HELLO, LINE_CREATE). */
export interface BridgeLine {
  readonly name?: string;
  readonly address?: string;
}

/**
 * Which DEVICEID a TAPI line device is. The config's `lines` map wins (by
 * line id, then by name); otherwise the bridge's own name or address for the
 * line, as `unmappedLines` says.
 */
export class LineDirectory {
  private readonly known = new Map<string, BridgeLine>();

  constructor(private readonly options: Pick<TapiOptions, 'lines' | 'unmappedLines'>) {}

  /** Records (or renames) a line the bridge reported. */
  describe(lineId: string, line: BridgeLine): void {
    this.known.set(lineId, line);
  }

  /** The line's DEVICEID, or undefined when its calls are not followed. */
  deviceOf(lineId: string): string | undefined {
    const line = this.known.get(lineId);
    const mapped = this.mapped(lineId) ?? (line?.name === undefined ? undefined : this.mapped(line.name));
    if (mapped !== undefined) return mapped;
    switch (this.options.unmappedLines) {
      case 'name':
        return line?.name;
      case 'address':
        return line?.address;
      case 'ignore':
        return undefined;
    }
  }

  private mapped(key: string): string | undefined {
    return Object.hasOwn(this.options.lines, key) ? this.options.lines[key] : undefined;
  }
}
