import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adjustedRandIndex,
  ClusteringWorkers,
  compileAssigner,
  daviesBouldin,
  sampleRows,
  seededRandom,
  sharedMatrix,
  type KmeansResult,
  type Matrix,
  type PreprocessParams,
} from '@cdp/clustering/domain';
import { round, type Benchmark } from './bench.js';
import { measureServiceAssignment } from './clustering-service.js';
import { plantedProfiles } from './planted.js';
import { bytesOf, pythonMissing, runPythonJson, secondsSince } from './python-reference.js';
import { benchFailed } from './service-child.js';

/**
 * Our k-means (worker threads) against scikit-learn's, on the same planted data in the same run.
 * 1,140,000 rows is the user count of the Taobao ad data set the segmentation is sized for.
 * CLUSTERING_BENCH_PYTHON overrides the interpreter (default: Debian's, which has python3-sklearn).
 */
const FULL_SIZES = [100_000, 1_140_000];
const QUICK_SIZES = [20_000, 200_000];
const COLS = 10;
const K = 5;
const THREADS = 2;
/** Timed runs of each fit and silhouette; the best is the figure, all are printed. */
const RUNS = 3;
const SEED = 20_240_607;
const SILHOUETTE_SAMPLE = 10_000;
/** k-selection, on the smallest size: a fit and these scores for each k. */
const K_RANGE = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const K_SILHOUETTE_SAMPLE = 5_000;
const ASSIGN_CALLS = 1_000_000;
/** Distinct profiles the one-at-a-time assignment cycles through (a power of two). */
const ASSIGN_PROFILES = 4_096;

type Figures = {
  n: number | null;
  fit_s: number | null;
  sklearn_fit_s: number | null;
  ratio: number | null;
  inertia_rel_diff: number | null;
  ari_planted: number | null;
  assign_per_s: number | null;
  silhouette_diff: number | null;
  k_selection_s: number | null;
  k_selection_n: number | null;
  threads: number;
  start_s: number | null;
  iterations: number | null;
  sklearn_iterations: number | null;
  /** Our labels against sklearn's (1: the same partition). */
  labels_ari: number | null;
  fit_runs_s: number[] | null;
  sklearn_fit_runs_s: number[] | null;
  silhouette_s: number | null;
  sklearn_silhouette_s: number | null;
  best_k_silhouette: number | null;
  /** Profiles/s through the clustering service: features.updated in, segments.changed out. */
  service_assign_per_s: number | null;
  /** The same through the service for profiles that stay in their segment. */
  service_reassign_per_s: number | null;
};

/** What clustering-sklearn.py prints. */
interface Sklearn {
  fit_s: number;
  fit_runs_s: number[];
  seeding_runs_s: number[];
  lloyd_runs_s: number[];
  inertia: number;
  n_iter: number;
  silhouette: number;
  silhouette_s: number;
  silhouette_runs_s: number[];
  sklearn: string;
  numpy: string;
  python: string;
  threadpools: string[];
}

interface Fit {
  /** Where Lloyd started (k-means++ from SEED): sklearn starts there too. */
  centres: Matrix;
  result: KmeansResult;
  /** k-means++ seconds, per run. */
  seeding: number[];
  /** Lloyd seconds, per run. */
  lloyd: number[];
}

export const clusteringBenchmark: Benchmark = {
  name: 'clustering',
  description: `our k-means (${THREADS} worker threads) against scikit-learn's on planted profiles (${K} groups, ${COLS} features, up to 1.14M rows): fit time from the same start, inertia and label agreement, silhouette, k-selection 2–10, one-profile assignment`,
  async run({ quick, root, print }) {
    const sizes = quick ? QUICK_SIZES : FULL_SIZES;
    const python = process.env['CLUSTERING_BENCH_PYTHON'] ?? '/usr/bin/python3';
    const script = join(root, 'tools/bench/src/clustering-sklearn.py');
    const progress = (line: string): void => void process.stderr.write(`clustering bench: ${line}\n`);
    const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
    const figures: Figures = {
      n: null,
      fit_s: null,
      sklearn_fit_s: null,
      ratio: null,
      inertia_rel_diff: null,
      ari_planted: null,
      assign_per_s: null,
      silhouette_diff: null,
      k_selection_s: null,
      k_selection_n: null,
      threads: THREADS,
      start_s: null,
      iterations: null,
      sklearn_iterations: null,
      labels_ari: null,
      fit_runs_s: null,
      sklearn_fit_runs_s: null,
      silhouette_s: null,
      sklearn_silhouette_s: null,
      best_k_silhouette: null,
      service_assign_per_s: null,
      service_reassign_per_s: null,
    };

    const why = pythonMissing(python, ['sklearn', 'threadpoolctl']);
    if (why !== undefined) {
      benchFailed(
        print,
        'clustering',
        `${python} cannot import scikit-learn (${why}): install it with \`apt-get install python3-sklearn\` ` +
          `(or point CLUSTERING_BENCH_PYTHON at a python3 that has scikit-learn and threadpoolctl)`,
      );
      return figures;
    }
    // The files for Python are the Float64Array bytes as they are.
    if (endianness() !== 'LE') throw new Error('the data files for Python are written little-endian only');

    const dir = await mkdtemp(join(tmpdir(), 'cdp-clustering-bench-'));
    const summary: string[] = [];
    try {
      for (const n of sizes) {
        print('');
        const measured = await measureSize(n, {
          dir,
          python,
          script,
          kSelection: n === sizes[0],
          print,
          row,
          progress,
        });
        summary.push(measured.summary);
        Object.assign(figures, measured.figures);
      }
      print('');
      const last = sizes.at(-1) as number;
      const profiles = quick ? 20_000 : 100_000;
      progress(`the service's real-time path (${profiles} profiles)`);
      const service = await measureServiceAssignment(
        root,
        plantedProfiles(last, { seed: SEED, groups: K, cols: COLS }).x,
        profiles,
        progress,
      );
      row(
        'service',
        `the clustering service (own process, ${service.transport}) trained on 20,000 profiles in ` +
          `${round(service.trainSeconds)} s, then assigned ${service.profiles.toLocaleString('en')} new profiles from ` +
          `features.updated (read, assign, write assignment and history, publish segments.changed) in ` +
          `${round(service.seconds)} s: ${Math.round(service.perSecond).toLocaleString('en')} profiles/s`,
      );
      row(
        'service again',
        `the same ${service.profiles.toLocaleString('en')} profiles' features.updated once more (each stays in its ` +
          `segment: read and assign, nothing written or published) in ${round(service.unchangedSeconds)} s: ` +
          `${Math.round(service.unchangedPerSecond).toLocaleString('en')} profiles/s`,
      );
      figures.service_assign_per_s = Math.round(service.perSecond);
      figures.service_reassign_per_s = Math.round(service.unchangedPerSecond);
      print('');
      print(`summary (${THREADS} threads each side; seconds are the best of ${RUNS} runs)`);
      print('         n    ours s  sklearn s  ratio  iter  inertia Δ  ARI      assign/s');
      for (const line of summary) print(line);
      return figures;
    } catch (error) {
      benchFailed(print, 'clustering', error instanceof Error ? error.message : String(error));
      return figures;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

interface SizeContext {
  dir: string;
  python: string;
  script: string;
  /** Whether to run the k-selection on this size (the smallest). */
  kSelection: boolean;
  print(line: string): void;
  row(name: string, value: string): void;
  progress(line: string): void;
}

/** Everything for one n, printed as it goes; returns its figures and its line of the summary. */
async function measureSize(
  n: number,
  { dir, python, script, kSelection, print, row, progress }: SizeContext,
): Promise<{ figures: Partial<Figures>; summary: string }> {
  const generating = performance.now();
  const { x, truth } = plantedProfiles(n, { seed: SEED, groups: K, cols: COLS });
  print(
    `n = ${n.toLocaleString('en')}: planted profiles, ${K} groups × ${COLS} features (seed ${SEED}), ` +
      `generated in ${round(secondsSince(generating))} s`,
  );
  const files = {
    data: join(dir, 'x.f64'),
    init: join(dir, 'init.f64'),
    sample: join(dir, 'sample.i32'),
    sampleLabels: join(dir, 'sample-labels.i32'),
    labels: join(dir, 'labels.i32'),
  };
  await writeFile(files.data, bytesOf(x.data));

  const starting = performance.now();
  const pool = await ClusteringWorkers.start(x, { threads: THREADS });
  try {
    // The pool's one pass over the rows (finite check, variance for tol) is part of starting it.
    await pool.meanVariance();
    const startSeconds = secondsSince(starting);
    row('workers', `${THREADS} threads started (and the rows checked) in ${round(startSeconds, 3)} s`);

    // 1. Both fits from the same centres: ours on the pool, then sklearn's in Python.
    progress(`n = ${n}: fitting ours`);
    const fit = await fitOurs(pool);
    const sample = sampleRows(n, Math.min(SILHOUETTE_SAMPLE, n), SEED);
    const sampleLabels = Int32Array.from(sample, (i) => fit.result.labels[i] as number);
    await writeFile(files.init, bytesOf(fit.centres.data));
    await writeFile(files.sample, bytesOf(sample));
    await writeFile(files.sampleLabels, bytesOf(sampleLabels));
    progress(`n = ${n}: fitting scikit-learn (and its silhouette_score)`);
    const sklearn = await runPythonJson<Sklearn>(python, [
      script,
      ...['--data', files.data, '--rows', String(n), '--cols', String(COLS), '--k', String(K)],
      ...['--init', files.init, '--runs', String(RUNS), '--seed', String(SEED), '--threads', String(THREADS)],
      ...['--sample', files.sample, '--sample-labels', files.sampleLabels, '--labels-out', files.labels],
    ]);
    const sklearnLabels = await readInt32(files.labels, n);

    const fitRuns = fit.seeding.map((s, r) => s + (fit.lloyd[r] as number));
    const best = fitRuns.indexOf(Math.min(...fitRuns));
    const fitSeconds = fitRuns[best] as number;
    const bestSklearn = sklearn.fit_runs_s.indexOf(sklearn.fit_s);
    const ratio = fitSeconds / sklearn.fit_s;
    const inertiaDiff = Math.abs(fit.result.inertia - sklearn.inertia) / sklearn.inertia;
    const labelsAri = adjustedRandIndex(fit.result.labels, sklearnLabels);
    const ariPlanted = adjustedRandIndex(fit.result.labels, truth);
    const runsOf = (values: number[]): string => values.map((v) => round(v, 3)).join(' / ');
    row(
      'fit ours',
      `${round(fitSeconds, 3)} s best of ${RUNS} (runs ${runsOf(fitRuns)} s): k-means++ ` +
        `${round(fit.seeding[best] as number, 3)} s + Lloyd ${round(fit.lloyd[best] as number, 3)} s, ` +
        `${fit.result.iterations} iterations, inertia ${fit.result.inertia.toPrecision(10)}`,
    );
    row(
      'fit sklearn',
      `${round(sklearn.fit_s, 3)} s best of ${RUNS} (runs ${runsOf(sklearn.fit_runs_s)} s): kmeans_plusplus ` +
        `${round(sklearn.seeding_runs_s[bestSklearn] as number, 3)} s + KMeans(lloyd) from our centres ` +
        `${round(sklearn.lloyd_runs_s[bestSklearn] as number, 3)} s, ${sklearn.n_iter} iterations, ` +
        `inertia ${sklearn.inertia.toPrecision(10)}`,
    );
    row('ratio', `${round(ratio, 3)} (ours / sklearn: below 1, ours is faster)`);
    row(
      'agreement',
      `inertia relative difference ${inertiaDiff.toPrecision(2)}; ARI of our labels vs sklearn's ` +
        `${labelsAri.toFixed(6)}; vs the planted groups ${ariPlanted.toFixed(4)}`,
    );

    // 2. The silhouette of our labels on the same sample rows as silhouette_score's.
    progress(`n = ${n}: silhouette`);
    const ours = await silhouetteOf(x, sample, sampleLabels);
    const silhouetteDiff = Math.abs(ours.silhouette - sklearn.silhouette);
    row(
      'silhouette',
      `${sample.length.toLocaleString('en')}-row sample, our labels: ours ${ours.silhouette.toFixed(6)} in ` +
        `${round(Math.min(...ours.runs), 3)} s, silhouette_score ${sklearn.silhouette.toFixed(6)} in ` +
        `${round(sklearn.silhouette_s, 3)} s (best of ${RUNS}); difference ${silhouetteDiff.toPrecision(2)}`,
    );

    // 3. One profile at a time, as the service assigns on features.updated.
    progress(`n = ${n}: one-profile assignment`);
    const assignment = assignOneByOne(x, fit.result);
    row(
      'assign',
      `${ASSIGN_CALLS.toLocaleString('en')} profiles (feature vectors of ${COLS}) through the compiled assigner (preprocessing + ${K} centres) ` +
        `in ${round(assignment.seconds, 3)} s: ${Math.round(assignment.perSecond).toLocaleString('en')}/s ` +
        `(${assignment.mismatches} labels differ from the fit's)`,
    );
    row(
      'python',
      `${python} ${sklearn.python}, scikit-learn ${sklearn.sklearn}, numpy ${sklearn.numpy}, ` +
        `thread pools ${sklearn.threadpools.join(', ')}`,
    );

    // 4. k-selection, on the smallest size.
    let selection: { seconds: number; bestBySilhouette: number } | undefined;
    if (kSelection) {
      progress(`n = ${n}: k-selection`);
      selection = await selectK(pool, print);
    }

    const problems: string[] = [];
    if (inertiaDiff > 1e-6) problems.push(`inertia differs from sklearn's by ${inertiaDiff.toPrecision(2)}`);
    if (labelsAri < 0.999) problems.push(`labels agree with sklearn's at ARI ${labelsAri.toFixed(4)} only`);
    if (ariPlanted < 0.9) problems.push(`ARI vs the planted groups is ${ariPlanted.toFixed(4)} (< 0.9)`);
    if (silhouetteDiff > 1e-9) problems.push(`silhouette differs from sklearn's by ${silhouetteDiff}`);
    if (assignment.mismatches > 0) problems.push(`${assignment.mismatches} one-profile labels differ`);
    for (const problem of problems) benchFailed(print, 'clustering', `n = ${n}: ${problem}`);

    const figures: Partial<Figures> = {
      n,
      fit_s: round(fitSeconds, 3),
      sklearn_fit_s: round(sklearn.fit_s, 3),
      ratio: round(ratio, 3),
      inertia_rel_diff: Number(inertiaDiff.toPrecision(3)),
      ari_planted: round(ariPlanted, 4),
      assign_per_s: Math.round(assignment.perSecond),
      silhouette_diff: Number(silhouetteDiff.toPrecision(3)),
      start_s: round(startSeconds, 3),
      iterations: fit.result.iterations,
      sklearn_iterations: sklearn.n_iter,
      labels_ari: round(labelsAri, 6),
      fit_runs_s: fitRuns.map((v) => round(v, 3)),
      sklearn_fit_runs_s: sklearn.fit_runs_s.map((v) => round(v, 3)),
      silhouette_s: round(Math.min(...ours.runs), 3),
      sklearn_silhouette_s: round(sklearn.silhouette_s, 3),
    };
    if (selection !== undefined)
      Object.assign(figures, {
        k_selection_s: round(selection.seconds),
        k_selection_n: n,
        best_k_silhouette: selection.bestBySilhouette,
      });
    const summary =
      `${n.toLocaleString('en').padStart(10)}  ${fitSeconds.toFixed(3).padStart(8)}  ` +
      `${sklearn.fit_s.toFixed(3).padStart(9)}  ${ratio.toFixed(2).padStart(5)}  ` +
      `${String(fit.result.iterations).padStart(4)}  ${inertiaDiff.toExponential(1).padStart(9)}  ` +
      `${ariPlanted.toFixed(4)}  ${Math.round(assignment.perSecond).toLocaleString('en').padStart(10)}`;
    return { figures, summary };
  } finally {
    await pool.close();
  }
}

/** RUNS × (k-means++ then Lloyd) from the same seed on the pool; every run must end the same. */
async function fitOurs(pool: ClusteringWorkers): Promise<Fit> {
  const seeding: number[] = [];
  const lloyd: number[] = [];
  let fit: { centres: Matrix; result: KmeansResult } | undefined;
  for (let run = 0; run < RUNS; run++) {
    const seedingStarted = performance.now();
    const centres = await pool.kmeansPlusPlus(K, seededRandom(SEED));
    const lloydStarted = performance.now();
    const result = await pool.lloyd(centres);
    const ended = performance.now();
    seeding.push((lloydStarted - seedingStarted) / 1000);
    lloyd.push((ended - lloydStarted) / 1000);
    if (fit !== undefined && result.inertia !== fit.result.inertia)
      throw new Error(
        `run ${run} ended at inertia ${result.inertia}, run 0 at ${fit.result.inertia}: not reproducible`,
      );
    fit = { centres, result };
  }
  if (fit === undefined) throw new Error('no fit ran');
  return { ...fit, seeding, lloyd };
}

/** Our silhouette of the sample rows (a pool over the sample alone), best of RUNS. */
async function silhouetteOf(
  x: Matrix,
  rows: Int32Array,
  labels: Int32Array,
): Promise<{ silhouette: number; runs: number[] }> {
  const sample = sharedMatrix(rows.length, x.cols);
  rows.forEach((i, s) => sample.data.set(x.data.subarray(i * x.cols, (i + 1) * x.cols), s * x.cols));
  const pool = await ClusteringWorkers.start(sample, { threads: THREADS });
  try {
    const runs: number[] = [];
    let silhouette = NaN;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      silhouette = await pool.silhouette(labels);
      runs.push(secondsSince(started));
    }
    return { silhouette, runs };
  } finally {
    await pool.close();
  }
}

/**
 * The real-time path, as the service runs it per profile of a `features.updated`: the profile's
 * feature vector (name → value) goes through the model's compiled assigner (the stored
 * preprocessing, here one that leaves the values as they are but does every step, then the
 * nearest centre). Cycles through ASSIGN_PROFILES rows of x, whose labels from the fit are the
 * expected answers.
 */
function assignOneByOne(
  x: Matrix,
  fit: KmeansResult,
): { perSecond: number; seconds: number; mismatches: number } {
  const count = Math.min(ASSIGN_PROFILES, x.rows);
  const step = Math.floor(x.rows / count);
  const names = Array.from({ length: x.cols }, (_, c) => `feature_${c}`);
  const profiles = Array.from({ length: count }, (_, p) =>
    Object.fromEntries(names.map((name, c) => [name, x.data[p * step * x.cols + c] as number])),
  );
  const expected = Int32Array.from({ length: count }, (_, p) => fit.labels[p * step] as number);
  const preprocess: PreprocessParams = {
    version: 1,
    scaling: 'standard',
    columns: names.map((name) => ({
      kind: 'number',
      name,
      log1p: false,
      fill: 0,
      missingIndicator: false,
      clipLow: -Number.MAX_VALUE,
      clipHigh: Number.MAX_VALUE,
      centre: 0,
      scale: 1,
      weight: 1,
    })),
  };
  const assignProfile = compileAssigner({
    version: 1,
    algorithm: 'kmeans',
    preprocess,
    k: fit.centres.rows,
    centres: Array.from({ length: fit.centres.rows }, (_, j) =>
      Array.from(fit.centres.data.subarray(j * x.cols, (j + 1) * x.cols)),
    ),
  });
  let mismatches = 0;
  const calls = (total: number): void => {
    for (let call = 0; call < total; call++) {
      const p = call % count;
      const profile = profiles[p] as Record<string, number>;
      if (assignProfile((name) => profile[name]) !== expected[p]) mismatches++;
    }
  };
  calls(20_000); // warm-up, so the figure is the optimised code's
  mismatches = 0;
  const started = performance.now();
  calls(ASSIGN_CALLS);
  const elapsed = secondsSince(started);
  return { perSecond: ASSIGN_CALLS / elapsed, seconds: elapsed, mismatches };
}

/** For each k: a fit (one k-means++ start), the silhouette on a sample, Davies–Bouldin; prints the table. */
async function selectK(
  pool: ClusteringWorkers,
  print: (line: string) => void,
): Promise<{ seconds: number; bestBySilhouette: number }> {
  const { x } = pool;
  print(
    `k-selection on these ${x.rows.toLocaleString('en')} rows: per k a fit (nInit 1), the silhouette on ` +
      `${K_SILHOUETTE_SAMPLE.toLocaleString('en')} rows, Davies–Bouldin on all rows`,
  );
  print('   k       inertia  iter  silhouette  Davies–Bouldin   fit s  scores s');
  const started = performance.now();
  let bestBySilhouette = { k: 0, score: -Infinity };
  let bestByDb = { k: 0, score: Infinity };
  for (const k of K_RANGE) {
    const fitting = performance.now();
    const result = await pool.lloyd(await pool.kmeansPlusPlus(k, seededRandom(SEED + k)));
    const scoring = performance.now();
    const silhouette = await pool.silhouette(result.labels, { sampleSize: K_SILHOUETTE_SAMPLE, seed: SEED });
    const db = daviesBouldin(x, result.labels);
    const ended = performance.now();
    if (silhouette > bestBySilhouette.score) bestBySilhouette = { k, score: silhouette };
    if (db < bestByDb.score) bestByDb = { k, score: db };
    print(
      `${String(k).padStart(4)}  ${result.inertia.toExponential(5).padStart(12)}  ${String(result.iterations).padStart(4)}  ` +
        `${silhouette.toFixed(4).padStart(10)}  ${db.toFixed(4).padStart(14)}  ` +
        `${((scoring - fitting) / 1000).toFixed(3).padStart(6)}  ${((ended - scoring) / 1000).toFixed(3).padStart(8)}`,
    );
  }
  const total = secondsSince(started);
  print(
    `k-selection   ${round(total)} s for k = ${K_RANGE[0]}–${K_RANGE.at(-1)}; best k by silhouette ` +
      `${bestBySilhouette.k}, by Davies–Bouldin ${bestByDb.k} (planted: ${K})`,
  );
  return { seconds: total, bestBySilhouette: bestBySilhouette.k };
}

async function readInt32(path: string, count: number): Promise<Int32Array> {
  const file = await readFile(path);
  if (file.byteLength !== count * 4)
    throw new Error(`${path} holds ${file.byteLength} bytes, expected ${count * 4}`);
  const values = new Int32Array(count);
  new Uint8Array(values.buffer).set(file);
  return values;
}
