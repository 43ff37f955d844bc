#!/usr/bin/env node
// `npm run serve -- <app>`: builds when needed, then runs one service as its own process.
// It reads its configuration from the environment (DATABASE_URL is required).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const app = process.argv[2];
const apps = readdirSync(join(root, 'apps')).filter((a) => existsSync(join(root, 'apps', a, 'src/main.ts')));
if (!app || !apps.includes(app)) {
  console.error(`usage: npm run serve -- <app>   (apps: ${apps.join(', ')})`);
  process.exit(2);
}
const built = spawnSync(process.execPath, [join(root, 'tools/build/ensure-built.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(process.execPath, [join(root, 'dist/apps', app, 'src/main.js')], { stdio: 'inherit' });
// Forward Ctrl-C / SIGTERM so the service shuts down gracefully, and exit with its code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
