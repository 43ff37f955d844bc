import { readJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import ts from 'typescript';
import { beforeEach, describe, expect, it } from 'vitest';
import { serviceGenerator } from './generator.cjs';

const SERVICES_FILE = 'libs/shared/util-config/src/services.ts';

// Trimmed copies of the three workspace files the generator edits, in their real shapes.
const SERVICES_SOURCE = `/** The platform's services. */
export const SERVICES = [
  { name: 'gateway', defaultPort: 3000, dbSchema: 'gateway' },
  { name: 'ingestion', defaultPort: 3001, dbSchema: 'ingestion' },
  { name: 'feature-store', defaultPort: 3003, dbSchema: 'feature_store' },
  { name: 'activation', defaultPort: 3006, dbSchema: 'activation' },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];
`;

const TSCONFIG_BASE = {
  compilerOptions: {
    module: 'NodeNext',
    paths: {
      '@cdp/shared/util-config': ['./libs/shared/util-config/src/index.ts'],
      '@cdp/ingestion/contracts': ['./libs/ingestion/contracts/src/index.ts'],
    },
  },
};

function seedWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  // Format with prettier and the workspace's settings, as `nx g` does here (the devkit reads a
  // staged `.prettierrc`, not `.prettierrc.json`).
  tree.delete('.oxfmtrc.json');
  tree.write('.prettierrc', JSON.stringify({ singleQuote: true, printWidth: 110, trailingComma: 'all' }));
  tree.write('tsconfig.base.json', JSON.stringify(TSCONFIG_BASE, null, 2));
  tree.write(SERVICES_FILE, SERVICES_SOURCE);
  tree.write('apps/ingestion/project.json', JSON.stringify({ name: 'ingestion', root: 'apps/ingestion' }));
  return tree;
}

function read(tree: Tree, path: string): string {
  const content = tree.read(path, 'utf-8');
  if (content === null) throw new Error(`${path} was not created`);
  return content;
}

function syntaxErrors(source: string): string[] {
  const { diagnostics = [] } = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext },
  });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function servicesEntries(tree: Tree): Array<{ name: string; port: number; schema: string }> {
  return [
    ...read(tree, SERVICES_FILE).matchAll(/name: '([^']+)', defaultPort: (\d+), dbSchema: '([^']+)'/g),
  ].map(([, name = '', port, schema = '']) => ({ name, port: Number(port), schema }));
}

describe('service generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = seedWorkspace();
  });

  it('creates the app, contracts lib and data-access lib of a new service, shaped like ingestion', async () => {
    await serviceGenerator(tree, { name: 'audit-log' });

    const created = tree
      .listChanges()
      .filter((c) => c.type === 'CREATE' && /^(apps|libs)\/audit-log\//.test(c.path))
      .map((c) => c.path)
      .sort();
    expect(created).toEqual([
      'apps/audit-log/project.json',
      'apps/audit-log/src/app.module.ts',
      'apps/audit-log/src/config/env.schema.ts',
      'apps/audit-log/src/main.ts',
      'apps/audit-log/src/service.ts',
      'libs/audit-log/contracts/project.json',
      'libs/audit-log/contracts/src/audit-log.subjects.ts',
      'libs/audit-log/contracts/src/index.ts',
      'libs/audit-log/data-access-db/drizzle.config.ts',
      'libs/audit-log/data-access-db/project.json',
      'libs/audit-log/data-access-db/src/index.ts',
      'libs/audit-log/data-access-db/src/migrations.ts',
      'libs/audit-log/data-access-db/src/schema.ts',
    ]);

    const service = read(tree, 'apps/audit-log/src/service.ts');
    expect(service).toContain(`import { auditLogMigrations } from '@cdp/audit-log/data-access-db';`);
    expect(service).toContain(`name: 'audit-log',`);
    expect(service).toContain('migrations: auditLogMigrations,');
    expect(read(tree, 'apps/audit-log/src/main.ts')).toContain('await runStandalone(service);');
    expect(read(tree, 'apps/audit-log/src/config/env.schema.ts')).toContain(
      `serviceEnvShape(serviceInfo('audit-log').defaultPort)`,
    );
    expect(read(tree, 'libs/audit-log/contracts/src/audit-log.subjects.ts')).toContain(
      `export const AUDIT_LOG_SUBJECT_PREFIX = 'cdp.audit-log';`,
    );
    expect(read(tree, 'libs/audit-log/contracts/src/index.ts')).toBe(
      `export * from './audit-log.subjects.js';\n`,
    );

    // The Postgres schema defaults to the name with '-' -> '_' everywhere it is named.
    expect(read(tree, 'libs/audit-log/data-access-db/src/schema.ts')).toContain(
      `export const auditLogSchema = pgSchema('audit_log');`,
    );
    expect(read(tree, 'libs/audit-log/data-access-db/src/migrations.ts')).toContain(`schema: 'audit_log',`);
    const drizzleConfig = read(tree, 'libs/audit-log/data-access-db/drizzle.config.ts');
    expect(drizzleConfig).toContain(`schemaFilter: ['audit_log'],`);
    expect(drizzleConfig).toContain(`schema: './libs/audit-log/data-access-db/src/*.table.ts',`);

    for (const path of created.filter((p) => p.endsWith('.ts'))) {
      expect(syntaxErrors(read(tree, path)), path).toEqual([]);
    }
  });

  it('tags every project with its type and scope and gives the data-access lib its migration targets', async () => {
    await serviceGenerator(tree, { name: 'audit-log' });

    expect(readProjectConfiguration(tree, 'audit-log')).toMatchObject({
      root: 'apps/audit-log',
      projectType: 'application',
      tags: ['type:app', 'scope:audit-log'],
    });
    expect(readProjectConfiguration(tree, 'audit-log-contracts').tags).toEqual([
      'type:contracts',
      'scope:audit-log',
    ]);
    const dataAccess = readProjectConfiguration(tree, 'audit-log-data-access-db');
    expect(dataAccess.tags).toEqual(['type:data-access', 'scope:audit-log']);
    expect(dataAccess.targets?.['migrations-generate']?.options).toEqual({
      command: 'node tools/db/migrations.mjs generate --project audit-log',
    });
    expect(dataAccess.targets?.['migrations-check']?.options).toEqual({
      command: 'node tools/db/migrations.mjs check --project audit-log',
    });
  });

  it('adds both path aliases and keeps the existing ones', async () => {
    await serviceGenerator(tree, { name: 'audit-log' });

    const { compilerOptions } = readJson(tree, 'tsconfig.base.json');
    expect(compilerOptions.module).toBe('NodeNext');
    expect(compilerOptions.paths).toEqual({
      ...TSCONFIG_BASE.compilerOptions.paths,
      '@cdp/audit-log/contracts': ['./libs/audit-log/contracts/src/index.ts'],
      '@cdp/audit-log/data-access-db': ['./libs/audit-log/data-access-db/src/index.ts'],
    });
  });

  it('appends the service to SERVICES on the next port after the highest', async () => {
    await serviceGenerator(tree, { name: 'audit-log' });
    await serviceGenerator(tree, { name: 'billing' });

    expect(servicesEntries(tree)).toEqual([
      { name: 'gateway', port: 3000, schema: 'gateway' },
      { name: 'ingestion', port: 3001, schema: 'ingestion' },
      { name: 'feature-store', port: 3003, schema: 'feature_store' },
      { name: 'activation', port: 3006, schema: 'activation' },
      { name: 'audit-log', port: 3007, schema: 'audit_log' },
      { name: 'billing', port: 3008, schema: 'billing' },
    ]);
    const services = read(tree, SERVICES_FILE);
    expect(services).toContain(`{ name: 'billing', defaultPort: 3008, dbSchema: 'billing' },\n] as const;`);
    expect(syntaxErrors(services)).toEqual([]);
  });

  it('takes an explicit port and schema', async () => {
    await serviceGenerator(tree, { name: 'audit-log', port: 4100, schema: 'audit' });

    expect(servicesEntries(tree).at(-1)).toEqual({ name: 'audit-log', port: 4100, schema: 'audit' });
    expect(read(tree, 'libs/audit-log/data-access-db/src/schema.ts')).toContain(`pgSchema('audit');`);
    expect(read(tree, 'libs/audit-log/data-access-db/drizzle.config.ts')).toContain(
      `schemaFilter: ['audit'],`,
    );
  });

  it('uses the port and schema of a service already in SERVICES without adding it twice', async () => {
    const before = read(tree, SERVICES_FILE);
    await serviceGenerator(tree, { name: 'feature-store' });

    expect(read(tree, SERVICES_FILE)).toBe(before);
    expect(read(tree, 'libs/feature-store/data-access-db/src/schema.ts')).toContain(
      `export const featureStoreSchema = pgSchema('feature_store');`,
    );
    expect(read(tree, 'libs/feature-store/data-access-db/src/migrations.ts')).toContain(
      `schema: 'feature_store',`,
    );
    await expect(serviceGenerator(seedWorkspace(), { name: 'activation', port: 3999 })).rejects.toThrow(
      'already in SERVICES with port 3006',
    );
  });

  it('refuses a name that already has an app folder, with a clear error', async () => {
    await serviceGenerator(tree, { name: 'audit-log' });

    await expect(serviceGenerator(tree, { name: 'audit-log' })).rejects.toThrow(
      'Service "audit-log" already exists: apps/audit-log/ is there.',
    );
    await expect(serviceGenerator(tree, { name: 'ingestion' })).rejects.toThrow(
      'Service "ingestion" already exists: apps/ingestion/ is there.',
    );
  });

  it('refuses a name that is not kebab-case', async () => {
    await expect(serviceGenerator(tree, { name: 'Audit_Log' })).rejects.toThrow(
      'Invalid service name "Audit_Log": use kebab-case',
    );
    expect(tree.exists('apps/Audit_Log')).toBe(false);
  });
});
