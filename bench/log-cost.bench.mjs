// log-cost: api-pipe with logging at info ÷ api-pipe with logging silent. Target ≥ 0.9.
import { pipeRate } from './api-pipe.bench.mjs';

export default async function logCost() {
  const baseline = await pipeRate('silent');
  const figure = await pipeRate('info');
  return { name: 'log-cost', figure, unit: 'TEST req/s at info', baseline, baselineUnit: 'req/s', baselineName: 'same, logging silent', ratio: figure / baseline, target: 0.9 };
}
