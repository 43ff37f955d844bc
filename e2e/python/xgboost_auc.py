"""Trains python xgboost on a training set exported by `cdp features training-set` and prints the
validation AUC as one JSON line. Rows whose set (from `cdp models rows`) is `train` train, the rest
validate; the parameters and rounds are the model's own.

usage: xgboost_auc.py <features.csv> <rows.csv> <params.json> <rounds>
"""
import csv
import json
import sys

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score


def main() -> None:
    features_path, rows_path, params_path, rounds = sys.argv[1:5]
    with open(rows_path, newline="") as f:
        sets = [row["set"] for row in csv.DictReader(f)]
    with open(features_path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        data = list(reader)
    if len(data) != len(sets):
        raise SystemExit(f"{len(data)} feature rows for {len(sets)} labelled rows")
    x = np.array([[float(v) if v != "" else np.nan for v in row[3:]] for row in data], dtype=np.float32)
    y = np.array([float(row[2]) for row in data], dtype=np.float32)
    train = np.array([s == "train" for s in sets])
    with open(params_path) as f:
        stored = json.load(f)
    # The WASM build reads -1 as missing; python reads NaN. No feature here is ever -1.
    params = {k: v for k, v in stored.items() if k not in ("silent", "nthread")}
    params["nthread"] = 2
    params["eval_metric"] = "auc"
    dtrain = xgb.DMatrix(x[train], label=y[train], missing=np.nan, feature_names=header[3:])
    dvalid = xgb.DMatrix(x[~train], label=y[~train], missing=np.nan, feature_names=header[3:])
    booster = xgb.train(params, dtrain, num_boost_round=int(rounds))
    auc = roc_auc_score(y[~train], booster.predict(dvalid))
    print(json.dumps({"auc": float(auc), "train_rows": int(train.sum()), "validation_rows": int((~train).sum())}))


if __name__ == "__main__":
    main()
