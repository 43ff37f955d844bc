import { resolve } from 'node:path';

/** Repository root; the e2e tests run the built tree in dist/ (npm test builds it first). */
export const ROOT = resolve(import.meta.dirname, '..');
