import type { ModelTrees } from './model-trees.js';
import { XGBOOST_MISSING_VALUE } from './xgboost.js';

/**
 * Per-row feature contributions in log-odds: out[f] for each feature, out[numFeature] = bias.
 * Their sum is the row's margin.
 */
export type ContributionFn = (row: ArrayLike<number>, out?: Float64Array) => Float64Array;

/**
 * Explains a row's margin as XGBoost's `pred_contribs` with `approx_contribs=True` does (Saabas,
 * http://blog.datadive.net/interpreting-random-forests/): every node gets the cover-weighted mean
 * of the leaves under it; walking a row down a tree, each step from parent to child credits
 * mean(child) − mean(parent) to the parent's split feature, and the roots' means (plus base margin)
 * are the bias. The steps telescope, so bias + contributions = base margin + the leaves reached.
 *
 * Node means are computed once here. The returned function walks the same path as `predictMargin`
 * (NaN and -1 are missing and follow the default branch) and allocates nothing when given `out`,
 * which must hold at least numFeature + 1 values; only those are written.
 */
export function treeContributions(model: ModelTrees): ContributionFn {
  const { roots, left, right, feature, defaultLeft, value, numFeature } = model;
  const mean = nodeMeans(model);
  let bias = model.baseMargin;
  for (let t = 0; t < roots.length; t++) bias += mean[roots[t] as number] as number;
  const size = numFeature + 1;

  return (row, out = new Float64Array(size)) => {
    if (row.length < numFeature) throw new RangeError(`model uses ${numFeature} features, got ${row.length}`);
    if (out.length < size) throw new RangeError(`out holds ${out.length} values, needs ${size}`);
    out.fill(0, 0, numFeature);
    out[numFeature] = bias;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t] as number;
      let nodeMean = mean[node] as number;
      let next = left[node] as number;
      while (next !== -1) {
        const f = feature[node] as number;
        const v = row[f] as number;
        if (v !== v || v === XGBOOST_MISSING_VALUE) {
          if (defaultLeft[node] === 0) next = right[node] as number;
        } else if (!(v < (value[node] as number))) {
          next = right[node] as number;
        }
        node = next;
        const childMean = mean[node] as number;
        out[f] = (out[f] as number) + childMean - nodeMean;
        nodeMean = childMean;
        next = left[node] as number;
      }
    }
    return out;
  };
}

/**
 * Mean value of every node: a leaf's value, or its children's means weighted by their covers
 * (sum of hessians), divided by its own cover as XGBoost's FillNodeMeanValue does (XGBoost saves a
 * node's cover as the sum of its children's, so this is their weighted mean). Post-order with an
 * explicit stack: XGBoost reuses the slots of pruned nodes, so a child may precede its parent.
 */
function nodeMeans(model: ModelTrees): Float64Array {
  const { roots, left, right, value, cover } = model;
  const nodes = left.length;
  const mean = new Float64Array(nodes);
  // 0: not reached yet, 1: children pushed, 2: mean known. A node reached twice means a malformed tree.
  const state = new Uint8Array(nodes);
  const stack = new Int32Array(nodes);
  for (let t = 0; t < roots.length; t++) {
    let top = 0;
    stack[top++] = roots[t] as number;
    while (top > 0) {
      const node = stack[top - 1] as number;
      const l = left[node] as number;
      if (state[node] === 0 && l !== -1) {
        state[node] = 1;
        const r = right[node] as number;
        if (state[l] !== 0 || state[r] !== 0 || top + 2 > nodes) {
          throw new Error(`tree ${t} is not a tree: node ${node}'s children are reached twice`);
        }
        stack[top++] = l;
        stack[top++] = r;
        continue;
      }
      top--;
      if (l === -1) {
        if (state[node] !== 0) throw new Error(`tree ${t} is not a tree: leaf ${node} is reached twice`);
        mean[node] = value[node] as number;
      } else {
        const r = right[node] as number;
        const weighted =
          (mean[l] as number) * (cover[l] as number) + (mean[r] as number) * (cover[r] as number);
        mean[node] = weighted / (cover[node] as number);
      }
      state[node] = 2;
    }
  }
  return mean;
}
