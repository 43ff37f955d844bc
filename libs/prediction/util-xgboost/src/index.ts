// XGBoost for the prediction service: a thin binding over ml-xgboost's WASM module (issue #8).
export {
  Booster,
  DEFAULT_XGBOOST_PARAMS,
  XGBOOST_MISSING_VALUE,
  loadXGBoost,
  type XGBoostParams,
  type XGBoostWasm,
} from './xgboost.js';
export {
  featureGain,
  parseModelTrees,
  predictMargin,
  predictProbability,
  type FeatureGain,
  type ModelTrees,
} from './model-trees.js';
export * from './compiled-trees.js';
export { treeContributions, type ContributionFn } from './contributions.js';
export { trainInWorker, type TrainJob } from './train-in-worker.js';
