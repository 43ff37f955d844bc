import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Lints `code` as if it were a file at `path` in the workspace, returning the boundary errors. */
async function boundaryErrors(eslint: ESLint, path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries (eslint.config.js)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    // The rule is silently skipped without Nx's cached project graph.
    execFileSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    eslint = new ESLint({ cwd: root });
  }, 60_000);

  it("fails an app that imports another service's data-access lib", async () => {
    const errors = await boundaryErrors(
      eslint,
      'apps/gateway/src/lint-probe.ts',
      "import { profiles } from '@cdp/identity/data-access-db';\nexport const probe = profiles;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/scope:gateway/);
  });

  it("lets an app use another service's contracts and its own data-access lib", async () => {
    const errors = await boundaryErrors(
      eslint,
      'apps/gateway/src/lint-probe.ts',
      "import * as identity from '@cdp/identity/contracts';\nimport * as own from '@cdp/gateway/data-access-db';\nexport const probe = [identity, own];\n",
    );
    expect(errors).toEqual([]);
  });

  it('keeps drizzle-orm out of apps and Nest out of contracts', async () => {
    const inApp = await boundaryErrors(
      eslint,
      'apps/identity/src/lint-probe.ts',
      "import { sql } from 'drizzle-orm';\nexport const probe = sql;\n",
    );
    expect(inApp.join('\n')).toMatch(/drizzle-orm/);
    const inContracts = await boundaryErrors(
      eslint,
      'libs/identity/contracts/src/lint-probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(inContracts.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('forbids a shared lib from depending on a service lib', async () => {
    const errors = await boundaryErrors(
      eslint,
      'libs/shared/util-db/src/lint-probe.ts',
      "import * as identity from '@cdp/identity/contracts';\nexport const probe = identity;\n",
    );
    expect(errors.join('\n')).toMatch(/scope:shared/);
  });
});
