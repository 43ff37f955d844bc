import { parentPort, workerData } from 'node:worker_threads';
import { Booster, loadXGBoost } from './xgboost.js';
import type { TrainJob, TrainReply } from './train-in-worker.js';

/** One training off the main thread (see trainInWorker): trains, saves, frees, replies once. */
const job = workerData as TrainJob;
let reply: TrainReply;
try {
  const wasm = await loadXGBoost();
  const booster = Booster.train(wasm, job.x, job.rows, job.cols, job.labels, job.params, job.rounds);
  try {
    reply = { ok: true, model: booster.save() };
  } finally {
    booster.free();
  }
} catch (error) {
  reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply, reply.ok ? [reply.model.buffer as ArrayBuffer] : []);
