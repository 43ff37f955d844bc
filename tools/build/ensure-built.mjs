#!/usr/bin/env node
// Builds dist/ when it is missing or older than any source file, so `npm run cdp` and
// `npm run bench` always run the code in the tree. Build output goes to stderr: stdout belongs
// to the command (its --json object, the benchmark's last JSON line).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const stamp = join(root, 'dist/.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.sql') || entry.name.endsWith('.json'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sourcesAt = Math.max(
  ...['apps', 'libs', 'tools'].map((d) => newestSource(join(root, d))),
  statSync(join(root, 'tsconfig.base.json')).mtimeMs,
);
if (sourcesAt > builtAt) {
  const result = spawnSync(process.execPath, [join(root, 'tools/build/build.mjs')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
