import { parentPort, workerData } from 'node:worker_threads';
import {
  assignRange,
  boundedAssignRange,
  columnStats,
  distancesToCandidates,
  type Bounds,
  type CentreMoves,
} from './kmeans.js';
import { matrix, type Matrix } from './matrix.js';
import { silhouetteSums } from './metrics.js';

/**
 * One worker of a {@link ClusteringWorkers} pool: owns the rows [from, to) of a matrix held in
 * shared memory and runs the hot loops on them when asked. Only small things cross the message
 * channel (centres, partial sums); the rows, labels and bounds stay in SharedArrayBuffers.
 */

export interface WorkerSetup {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly from: number;
  readonly to: number;
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export type WorkerRequest =
  | { readonly op: 'stats' }
  | { readonly op: 'assign'; readonly centres: Float64Array; readonly k: number }
  | {
      readonly op: 'bounded';
      readonly centres: Float64Array;
      readonly k: number;
      readonly moves: CentreMoves;
    }
  | {
      readonly op: 'candidates';
      readonly candidates: Int32Array;
      readonly closest: Float64Array | undefined;
      readonly buffers: readonly Float64Array[];
    }
  | {
      readonly op: 'silhouette';
      readonly sample: Float64Array;
      readonly rows: number;
      readonly ids: Int32Array;
      readonly k: number;
      readonly from: number;
      readonly to: number;
    };

const setup = workerData as WorkerSetup;
const x: Matrix = matrix(setup.rows, setup.cols, setup.data);
const { from, to, labels } = setup;

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'stats':
      return columnStats(x, from, to);
    case 'assign':
      return assignRange(x, matrix(request.k, x.cols, request.centres), labels, from, to);
    case 'bounded': {
      const bounds: Bounds = { ...request.moves, upper: setup.upper, lower: setup.lower };
      return boundedAssignRange(x, matrix(request.k, x.cols, request.centres), labels, bounds, from, to);
    }
    case 'candidates':
      return distancesToCandidates(x, request.candidates, request.closest, request.buffers, from, to);
    case 'silhouette': {
      const sample = matrix(request.rows, x.cols, request.sample);
      return silhouetteSums(sample, request.ids, request.k, request.from, request.to);
    }
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    parentPort?.postMessage({ ok: true, value: handle(request) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
