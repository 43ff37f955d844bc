#!/usr/bin/env node
// `npm test`: format check, lint (module boundaries included), typecheck, the migrations check,
// the build the end-to-end tests run, then every unit, integration and e2e test. Every step
// runs even when an earlier one fails, so one run shows everything that is wrong; the last
// line is `N passed, N failed` (the four checks and the build count as one test each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const env = {
  ...process.env,
  TZ: 'UTC',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};

function step(name, command, args) {
  process.stdout.write(
    `\n== ${name}: ${[command, ...args].map((a) => a.replace(root + '/', '')).join(' ')}\n`,
  );
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  process.stdout.write(
    `== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s\n`,
  );
  return { name, ok, seconds };
}

const checks = [];
checks.push(step('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']));
// The boundaries rule reads Nx's cached project graph and is skipped without it: make it first.
const graph = step('project graph', bin('nx'), ['show', 'projects']);
checks.push(
  graph.ok ? step('lint', bin('eslint'), ['.', '--max-warnings', '0']) : { ...graph, name: 'lint' },
);
checks.push(step('typecheck', bin('tsc'), ['-p', 'tsconfig.json']));
checks.push(step('typecheck console', bin('tsc'), ['-p', 'apps/console/tsconfig.json']));
checks.push(
  step('migrations', bin('nx'), [
    'run-many',
    '-t',
    'migrations-check',
    '--outputStyle=stream',
    '--skip-nx-cache',
  ]),
);
checks.push(step('build', process.execPath, [join(root, 'tools/build/build.mjs')]));

const resultsFile = join(root, 'tmp/vitest-results.json');
mkdirSync(join(root, 'tmp'), { recursive: true });
rmSync(resultsFile, { force: true });
const vitest = step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
]);

let passed = checks.filter((c) => c.ok).length;
let failed = checks.length - passed;
let skipped = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A suite that fails to load has no failed test of its own: count it, or it would vanish.
  failed += results.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
} else {
  failed += 1;
}
if (!vitest.ok && failed === 0) failed += 1;

process.stdout.write('\n');
for (const c of checks) process.stdout.write(`${c.ok ? 'ok    ' : 'FAILED'}  ${c.name} (${c.seconds} s)\n`);
process.stdout.write(`${vitest.ok ? 'ok    ' : 'FAILED'}  tests (${vitest.seconds} s)\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
