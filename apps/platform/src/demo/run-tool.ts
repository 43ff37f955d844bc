import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EnvSource } from '@cdp/shared/util-config';

export interface ToolRun {
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  env: EnvSource;
  signal?: AbortSignal;
  /** Each complete stderr line as it comes (progress). */
  onStderrLine?: (line: string) => void;
}

/**
 * Runs a built tool (`dist/tools/<name>/src/main.js`) with this Node; resolves with its output when
 * it exits 0 and rejects with its last stderr line otherwise. An abort kills it.
 */
export function runTool(script: URL, args: readonly string[], options: RunToolOptions): Promise<ToolRun> {
  const path = fileURLToPath(script);
  if (!existsSync(path)) return Promise.reject(new Error(`${path} is missing: run npm run build`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path, ...args], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine?.(line.replace(/\r$/, ''));
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      const last = stderr.trim().split('\n').pop()?.trim();
      reject(new Error(last || `${path} exited with ${code ?? signal}`));
    });
  });
}
