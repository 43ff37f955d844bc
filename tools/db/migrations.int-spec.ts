import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const script = join(repoRoot, 'tools/db/migrations.mjs');
const LIB = 'libs/ingestion/data-access-db';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The migrations folder as text, file by file, to see whether a command wrote into it. */
function snapshotOf(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(folder.length + 1)] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

describe('tools/db/migrations.mjs', () => {
  let tmp: string;

  /** A checkout of its own holding only the ingestion data-access lib, with the repo's node_modules. */
  function copyOfRepo(name: string): string {
    const root = join(tmp, name);
    mkdirSync(join(root, 'libs/ingestion'), { recursive: true });
    cpSync(join(repoRoot, LIB), join(root, LIB), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    return root;
  }

  function committedSql(root: string): string[] {
    return readdirSync(join(root, LIB, 'migrations')).filter((f) => f.endsWith('.sql'));
  }

  /** Adds a nullable `plan` column to the copied `sources` table, as a developer would. */
  function addPlanColumn(root: string): void {
    const file = join(root, LIB, 'src/sources.table.ts');
    const source = readFileSync(file, 'utf8');
    const changed = source.replace(
      "enabled: boolean('enabled').notNull().default(true),",
      "enabled: boolean('enabled').notNull().default(true),\n    plan: text('plan'),",
    );
    expect(changed).not.toBe(source);
    writeFileSync(file, changed);
  }

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cdp-migrations-tool-spec-'));
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('check passes when the tables match the committed migrations', () => {
    const root = copyOfRepo('clean');
    const result = run('check', '--root', root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`${LIB}: migrations match the tables`);
    expect(result.status).toBe(0);
  }, 60_000);

  it('check fails naming the lib and the change when a table gains a column, without touching its migrations', () => {
    // drizzle-kit 0.31 reads earlier snapshots as `./${out}/meta/...` and exits 0 when it cannot:
    // a check that could not read them would pass any drift.
    const root = copyOfRepo('drifted');
    addPlanColumn(root);
    const before = snapshotOf(join(root, LIB, 'migrations'));

    const result = run('check', '--root', root);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${LIB}: the tables differ from the committed migrations`);
    expect(result.stderr).toMatch(/ALTER TABLE "ingestion"\."sources" ADD COLUMN "plan" text/);
    expect(result.stderr).toContain('--project ingestion');
    expect(snapshotOf(join(root, LIB, 'migrations'))).toEqual(before);
  }, 60_000);

  it('generate writes a named migration for the change, after which check passes', () => {
    const root = copyOfRepo('generated');
    addPlanColumn(root);
    // The next number after the committed migrations.
    const next = String(committedSql(root).length).padStart(4, '0');

    const generated = run('generate', '--name', 'add_plan', '--root', root);
    expect(generated.status).toBe(0);
    expect(generated.stdout).toContain(`ingestion: added ${next}_add_plan.sql`);
    const sql = readFileSync(join(root, LIB, `migrations/${next}_add_plan.sql`), 'utf8');
    expect(sql).toMatch(/ALTER TABLE "ingestion"\."sources" ADD COLUMN "plan" text/);

    const checked = run('check', '--root', root);
    expect(checked.stdout).toContain(`${LIB}: migrations match the tables`);
    expect(checked.status).toBe(0);
  }, 60_000);

  it('generate refuses a migration without a snake_case name', () => {
    const root = copyOfRepo('unnamed');
    const before = committedSql(root);
    const result = run('generate', '--name', 'Add Plan', '--root', root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('generate needs --name <snake_case_description>');
    expect(committedSql(root)).toEqual(before);
  });

  it('names an unknown project instead of checking nothing', () => {
    const root = copyOfRepo('unknown-project');
    const result = run('check', '--project', 'nope', '--root', root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No data-access lib with a drizzle.config.ts for project "nope"');
  });
});
