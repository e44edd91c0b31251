import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';

/** One processor as SYSTEMSTATUS reports it (PROCESSOR#: SYSTEMPROCESSORSPEED, SYSTEMPROCESSORTYPE). */
export interface ProcessorFigures {
  readonly speedMhz: number;
  readonly model: string;
}

/** Where the processor figures come from; the defaults read this machine. */
export interface ProcessorSources {
  /** Node's view (`os.cpus()`). */
  readonly cpus?: () => readonly { readonly speed: number; readonly model: string }[];
  /** The Linux processor table, read when Node's view lacks a speed or a model. */
  readonly cpuinfoPath?: string;
}

/**
 * The processors of this host. Most virtual machines report a speed of 0 to
 * `os.cpus()` while /proc/cpuinfo knows each processor's `cpu MHz` and
 * `model name`: what Node lacks is taken from there, processor by processor,
 * so SYSTEMPROCESSORSPEED reads `2600MHz` (as the manual's `2394MHz`) and not
 * `0MHz`. Where neither knows, the figure stays as Node gave it.
 */
export async function readProcessors(sources: ProcessorSources = {}): Promise<ProcessorFigures[]> {
  const fromNode = (sources.cpus ?? cpus)().map((cpu) => ({ speedMhz: Math.round(cpu.speed), model: cpu.model.trim() }));
  if (fromNode.every((cpu) => cpu.speedMhz > 0 && cpu.model !== '')) return fromNode;
  const table = await readCpuinfo(sources.cpuinfoPath ?? '/proc/cpuinfo');
  return fromNode.map((cpu, i) => ({
    speedMhz: cpu.speedMhz > 0 ? cpu.speedMhz : (table[i]?.speedMhz ?? cpu.speedMhz),
    model: cpu.model !== '' ? cpu.model : (table[i]?.model ?? cpu.model),
  }));
}

/** The `cpu MHz` and `model name` of each `processor` block of a cpuinfo file; empty when it cannot be read. */
async function readCpuinfo(path: string): Promise<Partial<ProcessorFigures>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return []; // not Linux, or not readable: Node's figures stand
  }
  return text
    .split(/\n\s*\n/)
    .filter((block) => /^processor\s*:/m.test(block))
    .map((block) => {
      const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(block)?.[1]);
      const model = /^model name\s*:\s*(.+)$/m.exec(block)?.[1]?.trim();
      return { ...(mhz > 0 && { speedMhz: Math.round(mhz) }), ...(model && { model }) };
    });
}
