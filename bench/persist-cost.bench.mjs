// persist-cost: call cycles/s with every call recorded and its Recording row
// written to SQLite (at start, at CALLUPDATE, at stop) ÷ the same cycles with
// nothing persisted (schedule record: false: the calls are tracked, the cores
// notified, no row written). Both use a core that writes no files, so the
// difference is the recording path and its database writes. Best of 2
// alternating runs each. Target ≥ 0.85.
import { cycleRate, NULL_RECORDER } from './call-cycle.bench.mjs';
import { alternate } from './support.mjs';

export default async function persistCost() {
  const { baseline, figure, samples } = await alternate(
    2,
    () => cycleRate({ schedules: [{ name: 'track only', record: false }] }, NULL_RECORDER),
    () => cycleRate({}, NULL_RECORDER),
  );
  return {
    name: 'persist-cost', figure, unit: 'cycles/s recorded and persisted (SQLite)', baseline, baselineUnit: 'cycles/s',
    baselineName: 'same cycles, nothing recorded or persisted', ratio: figure / baseline, target: 0.85, samples,
  };
}
