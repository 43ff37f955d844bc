// Types for generator.cjs, which stays plain JavaScript so that Nx can require() it without a transpiler.
import type { Tree } from '@nx/devkit';

export interface ServiceGeneratorOptions {
  /** kebab-case service name, e.g. `feature-store`. */
  name: string;
  /** Default HTTP port; defaults to the SERVICES entry, else one above the highest there. */
  port?: number;
  /** Postgres schema; defaults to the SERVICES entry, else the name with `-` replaced by `_`. */
  schema?: string;
}

export declare class ServiceGeneratorError extends Error {}

export declare function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<void>;

export default serviceGenerator;
