import { spawn, spawnSync } from 'node:child_process';
import { basename } from 'node:path';

/**
 * The reference side of a benchmark: a Python script (scikit-learn, xgboost from Debian) fed raw
 * little-endian files and answering one JSON line, in the same run as ours.
 */

/** Why `python` cannot import `modules` (its last error line), or undefined when it can. */
export function pythonMissing(python: string, modules: readonly string[]): string | undefined {
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`;
}

/** Runs `python script ...args` (stderr passed through) and parses its last stdout line. */
export async function runPythonJson<T>(python: string, args: readonly string[]): Promise<T> {
  const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${basename(args[0] ?? python)} exited with ${code}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

/** The bytes of a typed array as they lie in memory (little-endian on every machine we run on). */
export function bytesOf(values: Float32Array | Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function secondsSince(since: number): number {
  return (performance.now() - since) / 1000;
}
