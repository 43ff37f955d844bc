#!/usr/bin/env node
// Generates and checks each service's drizzle-kit migrations.
//   node tools/db/migrations.mjs generate --name <what-changed> [--project <service>]
//   node tools/db/migrations.mjs check [--project <service>]
// `check` regenerates into a scratch copy of the committed migrations and fails when drizzle-kit
// finds a change there: the Drizzle tables and the committed SQL disagree.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { project: { type: 'string' }, name: { type: 'string' } },
});
const command = positionals[0];

function dataAccessLibs() {
  return readdirSync(join(root, 'libs'))
    .filter((scope) => existsSync(join(root, 'libs', scope, 'data-access-db', 'drizzle.config.ts')))
    .filter((scope) => !values.project || scope === values.project)
    .map((scope) => ({ scope, dir: join(root, 'libs', scope, 'data-access-db') }));
}

function sqlFiles(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sql')) : [];
}

function drizzleGenerate(lib, name, out) {
  const result = spawnSync(
    join(root, 'node_modules/.bin/drizzle-kit'),
    ['generate', '--config', join(lib.dir, 'drizzle.config.ts'), '--name', name],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...(out ? { DRIZZLE_OUT: out } : {}) } },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`drizzle-kit generate failed for libs/${lib.scope}/data-access-db`);
  }
  return result.stdout;
}

// The service runner creates each schema before drizzle's migration log goes into it, so the
// generated CREATE SCHEMA must tolerate an existing one.
function makeSchemaCreationIdempotent(file) {
  const sql = readFileSync(file, 'utf8');
  const fixed = sql.replace(/CREATE SCHEMA "([^"]+)";/g, 'CREATE SCHEMA IF NOT EXISTS "$1";');
  if (fixed !== sql) writeFileSync(file, fixed);
}

const libs = dataAccessLibs();
if (values.project && libs.length === 0) {
  console.error(`No data-access lib with a drizzle.config.ts for project "${values.project}"`);
  process.exit(2);
}

if (command === 'generate') {
  if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
    console.error('generate needs --name <snake_case_description>, e.g. --name add_sources');
    process.exit(2);
  }
  for (const lib of libs) {
    const out = join(lib.dir, 'migrations');
    const before = new Set(sqlFiles(out));
    drizzleGenerate(lib, values.name);
    const added = sqlFiles(out).filter((f) => !before.has(f));
    for (const f of added) makeSchemaCreationIdempotent(join(out, f));
    console.log(`${lib.scope}: ${added.length ? `added ${added.join(', ')}` : 'no schema changes'}`);
  }
} else if (command === 'check') {
  const drifted = [];
  for (const lib of libs) {
    const committed = join(lib.dir, 'migrations');
    const scratch = mkdtempSync(join(tmpdir(), `cdp-migrations-${lib.scope}-`));
    try {
      if (existsSync(committed)) cpSync(committed, scratch, { recursive: true });
      const before = new Set(sqlFiles(scratch));
      drizzleGenerate(lib, 'pending_check', scratch);
      const added = sqlFiles(scratch).filter((f) => !before.has(f));
      if (added.length) {
        drifted.push(lib.scope);
        console.error(
          `libs/${lib.scope}/data-access-db: the tables differ from the committed migrations:\n` +
            readFileSync(join(scratch, added[0]), 'utf8').replace(/^/gm, '    ') +
            `\n  run: npm run db:generate -- --project ${lib.scope} --name <what_changed>`,
        );
      } else {
        console.log(`libs/${lib.scope}/data-access-db: migrations match the tables`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  if (drifted.length) process.exit(1);
} else {
  console.error('usage: migrations.mjs <generate --name NAME | check> [--project SERVICE]');
  process.exit(2);
}
