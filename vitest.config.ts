import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// The @cdp/* aliases come from tsconfig.base.json, so there is one list to keep.
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.entries(compilerOptions.paths).map(([name, [target]]) => ({
  find: new RegExp(`^${name.replace(/[/\\-]/g, '\\$&')}$`),
  replacement: resolve(root, target ?? ''),
}));

export default defineConfig({
  // SWC instead of esbuild: Nest's dependency injection needs emitDecoratorMetadata.
  plugins: [
    swc.vite({ jsc: { target: 'es2022', transform: { decoratorMetadata: true, legacyDecorator: true } } }),
  ],
  resolve: { alias },
  test: {
    include: ['{apps,libs,tools,e2e}/**/*.{spec,int-spec,e2e-spec}.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'tools/generators/**/files/**'],
    globalSetup: ['tools/test/global-setup.ts'],
    env: { TZ: 'UTC' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
