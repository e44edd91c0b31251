const RANGE = /^(\d+)\s*-\s*(\d+)$/;
const DIGITS = /^\d+$/;

/** Why a `devices` entry cannot be read, or undefined when it can. */
export function deviceEntryProblem(entry: string): string | undefined {
  const range = RANGE.exec(entry);
  if (range && BigInt(range[1]!) > BigInt(range[2]!)) return `range '${entry}' ends before it starts`;
  return entry.trim() === '' ? 'a device entry cannot be blank' : undefined;
}

/**
 * The DEVICEIDs a core serves (option `devices`): exact ids (`"7001"`,
 * `"SIP/alice"`) and inclusive numeric ranges (`"7100-7199"`, which match
 * all-digit ids between the two numbers, whatever their leading zeros).
 */
export class DeviceSet {
  private readonly exact = new Set<string>();
  private readonly ranges: (readonly [bigint, bigint])[] = [];

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const range = RANGE.exec(entry);
      if (range) this.ranges.push([BigInt(range[1]!), BigInt(range[2]!)]);
      else this.exact.add(entry.trim());
    }
  }

  has(deviceId: string): boolean {
    if (this.exact.has(deviceId)) return true;
    if (this.ranges.length === 0 || !DIGITS.test(deviceId)) return false;
    const n = BigInt(deviceId);
    return this.ranges.some(([from, to]) => n >= from && n <= to);
  }
}
