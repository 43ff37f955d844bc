import { createRequire } from 'node:module';

/**
 * The parts of ml-xgboost's emscripten module (XGBoost ~0.72 compiled to WASM) this binding uses.
 * Its C functions (ml-xgboost's js-interfaces.cpp) take raw pointers: the package's own binding
 * passes cwrap 'array' arguments, which copies the whole matrix onto the 5 MiB WASM stack and
 * crashes above ~145k rows × 8 features. Here every buffer is `_malloc`ed on the heap instead.
 */
export interface XGBoostWasm {
  readonly HEAPU8: Uint8Array;
  readonly HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  /** create_model(float* x, float* labels, int rows, int cols) → Model*; missing value is -1. */
  _create_model(x: number, labels: number, rows: number, cols: number): number;
  _set_param(model: number, name: number, value: number): void;
  _train_full_model(model: number, iterations: number): void;
  /** predict_one(Model*, float* row, int cols, float* out) → number of outputs written to out. */
  _predict_one(model: number, row: number, cols: number, out: number): number;
  /** save_model(Model*) → size in bytes of the model it wrote to its in-memory file, -1 on error. */
  _save_model(model: number): number;
  /** get_file_content(char* out, int size): copies that file into out. */
  _get_file_content(out: number, size: number): void;
  /** load_model(char* bytes, int size) → Model*, 0 on error. */
  _load_model(bytes: number, size: number): number;
  _free_memory_model(model: number): void;
  print: (line: string) => void;
  printErr: (line: string) => void;
}

interface EmscriptenModule extends XGBoostWasm {
  isReady: Promise<unknown>;
}

/** The value ml-xgboost's create_model and predict_one hard-code as "missing". */
export const XGBOOST_MISSING_VALUE = -1;

/**
 * Training parameters, all sent to XGBoost explicitly: the package's own defaults (reg:linear,
 * subsample 0.5) are not what a classifier wants, and XGBoost's built-in ones vary by version.
 * Names are XGBoost's, so a run can be reproduced with python xgboost.
 */
export interface XGBoostParams {
  /** Only binary classification is supported for now. Default 'binary:logistic'. */
  objective: 'binary:logistic';
  /** Learning rate. Default 0.3 (XGBoost's). */
  eta: number;
  /** Default 6 (XGBoost's). */
  max_depth: number;
  /** Default 1 (XGBoost's). */
  min_child_weight: number;
  /** Row sampling per tree. Default 1 (XGBoost's; ml-xgboost's binding would use 0.5). */
  subsample: number;
  /** Default 1. */
  colsample_bytree: number;
  /** L2 regularisation on leaf weights. Default 1. */
  lambda: number;
  /** L1 regularisation on leaf weights. Default 0. */
  alpha: number;
  /** Weight of positive examples, for class imbalance (negatives / positives is typical). Default 1. */
  scale_pos_weight: number;
  /** Initial prediction (a probability for binary:logistic). Default 0.5. */
  base_score: number;
  /**
   * 'hist' (default) is what the issue compares against python xgboost and trains ~3× faster than
   * 'exact' here; XGBoost's own 'auto' switches algorithm with data size, so it is not offered.
   */
  tree_method: 'exact' | 'approx' | 'hist';
  /** Default 0. */
  seed: number;
  /** The WASM build is single-threaded. Default 1. */
  nthread: 1;
  /** 1 silences XGBoost's training messages. Default 1. */
  silent: 0 | 1;
}

export const DEFAULT_XGBOOST_PARAMS: Readonly<XGBoostParams> = Object.freeze({
  objective: 'binary:logistic',
  eta: 0.3,
  max_depth: 6,
  min_child_weight: 1,
  subsample: 1,
  colsample_bytree: 1,
  lambda: 1,
  alpha: 0,
  scale_pos_weight: 1,
  base_score: 0.5,
  tree_method: 'hist',
  seed: 0,
  nthread: 1,
  silent: 1,
});

const PARAM_NAMES = Object.keys(DEFAULT_XGBOOST_PARAMS) as Array<keyof XGBoostParams>;

/** Lines XGBoost wrote to stderr recently, to explain a failure. */
const recentErrors: string[] = [];
const RECENT_ERROR_LINES = 20;
// Emitted by the emscripten glue under Node, where fetch cannot read a file path; harmless.
const GLUE_NOISE = /wasm streaming compile failed|falling back to ArrayBuffer instantiation/;

let loading: Promise<XGBoostWasm> | undefined;

/** Loads ml-xgboost's WASM module once per process. */
export function loadXGBoost(): Promise<XGBoostWasm> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const listeners = new Set(process.listeners('uncaughtException'));
    // The glue is CommonJS: its module.exports is the emscripten Module, resolved by isReady.
    const module = require('ml-xgboost/dist/wasm/xgboost.js') as EmscriptenModule;
    // The glue also hooks uncaughtException to rethrow everything (for its own exit()), which
    // turns any crash of the host process into exit code 7: take that hook out again.
    for (const listener of process.listeners('uncaughtException')) {
      if (!listeners.has(listener)) process.removeListener('uncaughtException', listener);
    }
    // Keep XGBoost's output off the console (no console in src/); stderr is kept for errors.
    module.print = () => undefined;
    module.printErr = (line: string) => {
      if (GLUE_NOISE.test(line)) return;
      recentErrors.push(line);
      if (recentErrors.length > RECENT_ERROR_LINES) recentErrors.shift();
    };
    await module.isReady;
    return module;
  })();
  // A failed load is not cached, so a later call can try again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

function checkMatrix(x: Float32Array, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`rows and cols must be positive integers, got ${rows} × ${cols}`);
  }
  if (x.length !== rows * cols) {
    throw new RangeError(`x has ${x.length} values, expected rows × cols = ${rows * cols}`);
  }
}

function checkParams(params: XGBoostParams): void {
  const numeric: Array<keyof XGBoostParams> = [
    'eta',
    'max_depth',
    'min_child_weight',
    'subsample',
    'colsample_bytree',
    'lambda',
    'alpha',
    'scale_pos_weight',
    'base_score',
    'seed',
  ];
  for (const name of numeric) {
    const value = params[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`XGBoost parameter ${name} must be a finite number, got ${String(value)}`);
    }
  }
  // An invalid value makes XGBoost throw a C++ exception out of the WASM module, which would
  // leave it in an unknown state: reject what we can before it gets there.
  if (params.objective !== 'binary:logistic') {
    throw new RangeError(`unsupported objective ${String(params.objective)}`);
  }
  if (!['exact', 'approx', 'hist'].includes(params.tree_method)) {
    throw new RangeError(`unsupported tree_method ${String(params.tree_method)}`);
  }
  if (params.eta <= 0) throw new RangeError('eta must be > 0');
  if (!Number.isInteger(params.max_depth) || params.max_depth < 1) {
    throw new RangeError('max_depth must be an integer ≥ 1');
  }
  if (params.subsample <= 0 || params.subsample > 1) throw new RangeError('subsample must be in (0, 1]');
  if (params.colsample_bytree <= 0 || params.colsample_bytree > 1) {
    throw new RangeError('colsample_bytree must be in (0, 1]');
  }
  if (params.base_score <= 0 || params.base_score >= 1) {
    throw new RangeError('base_score must be in (0, 1) for binary:logistic');
  }
  if (params.nthread !== 1) throw new RangeError('the WASM build is single-threaded: nthread must be 1');
}

/** Copies a C string into the WASM heap; the caller frees it. */
function heapString(wasm: XGBoostWasm, text: string): number {
  const bytes = new TextEncoder().encode(text);
  const pointer = wasm._malloc(bytes.length + 1);
  wasm.HEAPU8.set(bytes, pointer);
  wasm.HEAPU8[pointer + bytes.length] = 0;
  return pointer;
}

/**
 * Copies x into the WASM heap as float32, NaN → the binding's missing value (XGBoost with
 * missing = -1 rejects NaN outright).
 */
function heapMatrix(wasm: XGBoostWasm, x: Float32Array): number {
  const pointer = wasm._malloc(x.byteLength);
  if (pointer === 0) throw new Error(`XGBoost: cannot allocate ${x.byteLength} bytes`);
  // Read HEAPF32 after _malloc: growing the memory replaces the views.
  const heap = wasm.HEAPF32;
  const start = pointer >> 2;
  heap.set(x, start);
  for (let i = start, end = start + x.length; i < end; i++) {
    if (Number.isNaN(heap[i])) heap[i] = XGBOOST_MISSING_VALUE;
  }
  return pointer;
}

function failure(what: string, cause: unknown): Error {
  const detail = recentErrors.length > 0 ? `: ${recentErrors.join(' | ')}` : '';
  recentErrors.length = 0;
  return new Error(`XGBoost ${what} failed${detail}`, { cause });
}

/**
 * One trained (or loaded) XGBoost model living in WASM memory. It is not garbage collected:
 * call free() when done.
 */
export class Booster {
  private handle: number;
  private readonly cols: number | undefined;

  private constructor(
    private readonly wasm: XGBoostWasm,
    handle: number,
    cols: number | undefined,
  ) {
    this.handle = handle;
    this.cols = cols;
  }

  /**
   * Trains `rounds` boosting rounds on a row-major float32 matrix x (rows × cols) with 0/1 labels.
   * NaN in x is missing (see predict for the caveat about -1).
   */
  static train(
    wasm: XGBoostWasm,
    x: Float32Array,
    rows: number,
    cols: number,
    labels: Float32Array,
    params: XGBoostParams,
    rounds: number,
  ): Booster {
    checkMatrix(x, rows, cols);
    if (labels.length !== rows) throw new RangeError(`${labels.length} labels for ${rows} rows`);
    for (const label of labels) {
      if (label !== 0 && label !== 1) throw new RangeError(`labels must be 0 or 1, got ${label}`);
    }
    if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be an integer ≥ 1');
    checkParams(params);

    recentErrors.length = 0;
    const xPointer = heapMatrix(wasm, x);
    let handle = 0;
    try {
      const labelPointer = heapMatrix(wasm, labels);
      try {
        // create_model copies both into its own DMatrix, so they are freed right after.
        handle = wasm._create_model(xPointer, labelPointer, rows, cols);
      } finally {
        wasm._free(labelPointer);
      }
    } finally {
      wasm._free(xPointer);
    }
    if (handle === 0) throw failure('create_model', undefined);

    const booster = new Booster(wasm, handle, cols);
    try {
      booster.setParam('booster', 'gbtree');
      // Only the known names, so a stray property of the caller's object never reaches XGBoost.
      for (const name of PARAM_NAMES) booster.setParam(name, String(params[name]));
      wasm._train_full_model(handle, rounds);
    } catch (error) {
      booster.free();
      throw failure('training', error);
    }
    return booster;
  }

  /** Loads a model saved by save() (XGBoost's binary format of this WASM build). */
  static load(wasm: XGBoostWasm, bytes: Uint8Array): Booster {
    if (bytes.length === 0) throw new RangeError('empty model');
    recentErrors.length = 0;
    const pointer = wasm._malloc(bytes.length);
    let handle: number;
    try {
      wasm.HEAPU8.set(bytes, pointer);
      handle = wasm._load_model(pointer, bytes.length);
    } catch (error) {
      throw failure('load_model', error);
    } finally {
      wasm._free(pointer);
    }
    if (handle === 0) throw failure('load_model', undefined);
    // LearnerModelParam opens the file: float base_score, then uint32 num_feature.
    const cols = bytes.length >= 8 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true) : 0;
    return new Booster(wasm, handle, cols > 0 ? cols : undefined);
  }

  /**
   * Probability of class 1 for each row of a row-major float32 matrix (rows × cols). NaN means
   * missing and is sent as -1, the binding's hard-coded missing value: a genuine -1 in a feature
   * is therefore also treated as missing, in training as in prediction. Encode features so that
   * -1 never occurs (or shift them). Rows are scored one by one (~100k rows/s); batch scoring
   * belongs to a tree evaluator over the saved model.
   */
  predict(x: Float32Array, rows: number, cols: number): Float32Array {
    const handle = this.live();
    checkMatrix(x, rows, cols);
    if (this.cols !== undefined && cols !== this.cols) {
      throw new RangeError(`model was trained on ${this.cols} features, got ${cols}`);
    }
    const out = new Float32Array(rows);
    const wasm = this.wasm;
    const rowPointer = wasm._malloc(cols * 4);
    // Room for several outputs: predict_one writes one float per output group.
    const outPointer = wasm._malloc(64);
    try {
      for (let r = 0; r < rows; r++) {
        const heap = wasm.HEAPF32;
        const start = rowPointer >> 2;
        for (let c = 0; c < cols; c++) {
          const value = x[r * cols + c] as number;
          heap[start + c] = Number.isNaN(value) ? XGBOOST_MISSING_VALUE : value;
        }
        const size = wasm._predict_one(handle, rowPointer, cols, outPointer);
        if (size !== 1) throw new Error(`XGBoost returned ${size} outputs per row, expected 1`);
        out[r] = wasm.HEAPF32[outPointer >> 2] as number;
      }
    } finally {
      wasm._free(rowPointer);
      wasm._free(outPointer);
    }
    return out;
  }

  /** The model in XGBoost's binary format (of this WASM build: not python xgboost ≥ 1.0's). */
  save(): Uint8Array {
    const handle = this.live();
    const wasm = this.wasm;
    const size = wasm._save_model(handle);
    if (size <= 0) throw failure('save_model', undefined);
    const pointer = wasm._malloc(size);
    try {
      wasm._get_file_content(pointer, size);
      return wasm.HEAPU8.slice(pointer, pointer + size);
    } finally {
      wasm._free(pointer);
    }
  }

  /** Frees the model's WASM memory. Safe to call twice; any other use afterwards throws. */
  free(): void {
    if (this.handle === 0) return;
    this.wasm._free_memory_model(this.handle);
    this.handle = 0;
  }

  get freed(): boolean {
    return this.handle === 0;
  }

  private live(): number {
    if (this.handle === 0) throw new Error('XGBoost Booster used after free()');
    return this.handle;
  }

  private setParam(name: string, value: string): void {
    const namePointer = heapString(this.wasm, name);
    const valuePointer = heapString(this.wasm, value);
    try {
      this.wasm._set_param(this.handle, namePointer, valuePointer);
    } finally {
      this.wasm._free(namePointer);
      this.wasm._free(valuePointer);
    }
  }
}
