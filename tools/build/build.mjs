#!/usr/bin/env node
// Builds every app, lib and tool into dist/ (one tsc program), rewrites the @cdp/* aliases to
// relative paths, and copies each data-access lib's migrations next to its compiled code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const started = Date.now();
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
// The ops console (React): a browser bundle the gateway serves from dist/apps/console.
run(bin('vite'), ['build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn']);
for (const scope of readdirSync(join(root, 'libs'))) {
  const migrations = join(root, 'libs', scope, 'data-access-db', 'migrations');
  if (existsSync(migrations)) {
    cpSync(migrations, join(root, 'dist/libs', scope, 'data-access-db/migrations'), { recursive: true });
  }
}
// Lets `npm run cdp` / `npm run bench` tell a stale build from a fresh one.
writeFileSync(join(root, 'dist/.build-stamp'), new Date().toISOString());
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
