// persist-cost: call cycles/s with every call recorded and its Recording row
// written to SQLite ÷ the same cycles with nothing persisted (schedule
// record: false — the calls are tracked, no row is written). Target ≥ 0.85.
import { cycleRate } from './call-cycle.bench.mjs';

export default async function persistCost() {
  const baseline = await cycleRate({ schedules: [{ name: 'track only', record: false }] });
  const figure = await cycleRate({});
  return {
    name: 'persist-cost', figure, unit: 'cycles/s recorded and persisted (SQLite)', baseline, baselineUnit: 'cycles/s',
    baselineName: 'same cycles, nothing recorded or persisted', ratio: figure / baseline, target: 0.85,
  };
}
