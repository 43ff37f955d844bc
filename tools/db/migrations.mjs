#!/usr/bin/env node
// Generates and checks each service's drizzle-kit migrations.
//   node tools/db/migrations.mjs generate --name <what-changed> [--project <service>]
//   node tools/db/migrations.mjs check [--project <service>]
// --root <dir> works on another checkout (default: this repository); drizzle-kit runs there, so
// it needs its node_modules (tools/db/migrations.int-spec.ts uses a temp copy with a symlink).
// `check` regenerates into a scratch copy of the committed migrations and fails when drizzle-kit
// finds a change there: the Drizzle tables and the committed SQL disagree.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { project: { type: 'string' }, name: { type: 'string' }, root: { type: 'string' } },
});
const root = values.root ? resolve(values.root) : resolve(import.meta.dirname, '../..');
const command = positionals[0];

// A lib fresh from the service generator has no table yet: drizzle-kit would stop with "No schema
// files found", and there is nothing to migrate.
const hasTables = (dir) =>
  existsSync(join(dir, 'src')) && readdirSync(join(dir, 'src')).some((f) => f.endsWith('.table.ts'));

function dataAccessLibs() {
  return readdirSync(join(root, 'libs'))
    .filter((scope) => existsSync(join(root, 'libs', scope, 'data-access-db', 'drizzle.config.ts')))
    .filter((scope) => {
      const withTables = hasTables(join(root, 'libs', scope, 'data-access-db'));
      if (!withTables) console.log(`libs/${scope}/data-access-db: no *.table.ts yet, nothing to migrate`);
      return withTables;
    })
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
    // drizzle-kit reads earlier snapshots as `./<out>/meta/...`, so `out` must be relative to root.
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...(out ? { DRIZZLE_OUT: relative(root, out) } : {}) },
    },
  );
  // It can also fail (a snapshot it cannot read) and still exit 0: its output says so.
  if (result.status !== 0 || /\b(Error|ENOENT)\b/.test(result.stdout + result.stderr)) {
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
  console.error('usage: migrations.mjs <generate --name NAME | check> [--project SERVICE] [--root DIR]');
  process.exit(2);
}
