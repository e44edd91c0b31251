#!/usr/bin/env node
// npm run bench [-- NAME ...]: runs every bench/*.bench.mjs (or the named ones),
// prints one line per result — figure, baseline, ratio, target — and writes all
// results to bench/results.json. Each benchmark measures its own baseline in
// the same run, so ratios hold on a noisy machine.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort()
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.mjs', '')));
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const results = [];
for (const file of files) {
  const name = file.replace('.bench.mjs', '');
  const { default: bench } = await import(new URL(file, dir));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = Date.now();
  let outcome;
  try {
    outcome = await bench();
  } catch (err) {
    outcome = [{ name, error: String(err?.stack ?? err) }];
  }
  delay.disable();
  for (const r of Array.isArray(outcome) ? outcome : [outcome]) {
    const result = { ...r, name: r.name ?? name, seconds: (Date.now() - started) / 1000, eventLoopDelayP99Ms: delay.percentile(99) / 1e6 };
    results.push(result);
    if (result.error) {
      console.log(`${result.name}: FAILED ${result.error.split('\n')[0]}`);
      continue;
    }
    const met = result.target === undefined ? '' : (result.higherIsBetter === false ? result.ratio <= result.target : result.ratio >= result.target) ? ' (target met)' : ' (target NOT met)';
    console.log(
      `${result.name}: ${fmt(result.figure)} ${result.unit} | baseline ${fmt(result.baseline)} ${result.baselineUnit ?? result.unit} (${result.baselineName}) | ratio ${fmt(result.ratio)}` +
        `${result.target === undefined ? '' : `, target ${result.higherIsBetter === false ? '≤' : '≥'} ${result.target}`}${met} | loop p99 ${fmt(result.eventLoopDelayP99Ms)} ms`,
    );
  }
}
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };
writeFileSync(new URL('results.json', dir), `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
