import { resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { Command } from 'commander';
import { activationBenchmark } from './activation.bench.js';
import type { Benchmark } from './bench.js';
import { busBenchmark } from './bus.bench.js';
import { clusteringBenchmark } from './clustering.bench.js';
import { e2eBenchmark } from './e2e.bench.js';
import { featuresBackfillBenchmark } from './features-backfill.bench.js';
import { featuresBenchmark } from './features.bench.js';
import { identityBenchmark } from './identity.bench.js';
import { ingestBenchmark } from './ingest.bench.js';
import { predictionBenchmark } from './prediction.bench.js';
import { rtbBenchmark } from './rtb.bench.js';
import { startupBenchmark } from './startup.bench.js';

const BENCHMARKS: Benchmark[] = [
  startupBenchmark,
  busBenchmark,
  ingestBenchmark,
  identityBenchmark,
  featuresBenchmark,
  featuresBackfillBenchmark,
  clusteringBenchmark,
  predictionBenchmark,
  activationBenchmark,
  rtbBenchmark,
  e2eBenchmark,
];

// dist/tools/bench/src/main.js -> repository root
const root = resolve(import.meta.dirname, '../../../..');

const program = new Command()
  .name('bench')
  .description(`Benchmarks (npm run bench -- <name> [--quick]): ${BENCHMARKS.map((b) => b.name).join(', ')}`)
  .argument('<name>', 'which benchmark')
  .option('--quick', 'a short run (under a minute) instead of the full one')
  .action(async (name: string, options: { quick?: boolean }) => {
    const benchmark = BENCHMARKS.find((b) => b.name === name);
    if (!benchmark) {
      process.stderr.write(
        `unknown benchmark "${name}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`,
      );
      process.exitCode = 2;
      return;
    }
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    print(`${benchmark.name}: ${benchmark.description}`);
    print(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    const figures = await benchmark.run({ quick: Boolean(options.quick), root, print });
    // The contract: the last stdout line is one JSON object with the figures.
    print(JSON.stringify(figures));
  });

await program.parseAsync(process.argv);
