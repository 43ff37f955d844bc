import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@cdp/shared/util-config';
import { spawnPlatform } from '@cdp/shared/util-process';
import { median, round, type Benchmark } from './bench.js';

/**
 * Cold start of the built platform on embedded PostgreSQL: from spawning the process with an
 * empty data folder (so initdb runs) until every service's /health/ready answers 200. The warm
 * figure restarts on the folder the cold run left behind.
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  description:
    'cold and warm start of the one-process platform on embedded PostgreSQL until all services are ready',
  async run({ quick, root, print }) {
    const runs = quick ? 1 : 3;
    const cold: number[] = [];
    const warm: number[] = [];
    let readyServices = 0;
    print(`run  kind  seconds  ready`);
    for (let i = 1; i <= runs; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'cdp-bench-startup-'));
      // As root the embedded server runs as `postgres`, which must be able to enter the folder.
      chmodSync(dataDir, 0o755);
      try {
        for (const kind of ['cold', 'warm'] as const) {
          const platform = await spawnPlatform({ root, dataDir });
          try {
            const seconds = await platform.waitReady(180_000);
            readyServices = Object.keys(platform.urls).length;
            (kind === 'cold' ? cold : warm).push(seconds);
            print(
              `${String(i).padEnd(3)}  ${kind}  ${seconds.toFixed(2).padStart(7)}  ${readyServices}/${SERVICES.length}`,
            );
          } finally {
            const code = await platform.stop('SIGINT');
            if (code !== 0)
              throw new Error(`the platform exited with ${code} on SIGINT:\n${platform.output()}`);
          }
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    print(`median cold ${median(cold).toFixed(2)} s, warm ${median(warm).toFixed(2)} s over ${runs} run(s)`);
    return {
      ready_services: readyServices,
      startup_s: round(median(cold)),
      warm_startup_s: round(median(warm)),
      runs,
    };
  },
};
