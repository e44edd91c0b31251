// log-cost: api-pipe with logging at info ÷ api-pipe with logging silent,
// best of 3 alternating runs each. Target ≥ 0.9.
import { pipeRate } from './api-pipe.bench.mjs';
import { alternate } from './support.mjs';

export default async function logCost() {
  const { baseline, figure, samples } = await alternate(3, () => pipeRate('silent'), () => pipeRate('info'));
  return { name: 'log-cost', figure, unit: 'TEST req/s at info', baseline, baselineUnit: 'req/s', baselineName: 'same, logging silent', ratio: figure / baseline, target: 0.9, samples };
}
