import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { XGBoostParams } from './xgboost.js';

export interface TrainJob {
  readonly x: Float32Array;
  readonly rows: number;
  readonly cols: number;
  readonly labels: Float32Array;
  readonly params: XGBoostParams;
  readonly rounds: number;
}

export type TrainReply = { ok: true; model: Uint8Array } | { ok: false; error: string };

/**
 * The compiled worker next to this module; when this module runs from its TypeScript source (the
 * tests), the build's copy under dist/, since a worker thread cannot load TypeScript.
 */
function workerFile(): URL {
  const here = new URL('./train.worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return here;
  const built = new URL(here.href.replace('/libs/prediction/', '/dist/libs/prediction/'));
  if (!existsSync(fileURLToPath(built)))
    throw new Error(
      `the XGBoost training worker is not built (${fileURLToPath(built)}): run npm run build first`,
    );
  return built;
}

/**
 * Booster.train in a worker thread, resolving to the saved model (Booster.save's bytes). XGBoost's
 * WASM build trains synchronously for seconds to minutes: on the main thread that would stop a
 * service's consumers and health checks for as long. `x` and `labels` are moved to the worker,
 * not copied: they are unusable (empty) once this is called.
 */
export function trainInWorker(job: TrainJob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: job,
      transferList: [job.x.buffer as ArrayBuffer, job.labels.buffer as ArrayBuffer],
    });
    let settled = false;
    worker.once('message', (reply: TrainReply) => {
      settled = true;
      if (reply.ok) resolve(reply.model);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the XGBoost training worker exited with code ${code} before replying`));
    });
  });
}
