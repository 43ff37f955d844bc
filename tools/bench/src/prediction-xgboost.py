"""python xgboost's side of `npm run bench -- prediction`: the same rows, the same parameters.

Run with Debian's interpreter (python3-xgboost, python3-sklearn), e.g.

    /usr/bin/python3 prediction-xgboost.py --train x.f32 --train-labels y.f32 --train-rows 75000 \
        --valid xv.f32 --valid-labels yv.f32 --valid-rows 25000 --cols 30 \
        --params '{"objective": "binary:logistic", "eta": 0.1, ...}' --rounds 100 --threads 2

Inputs are raw little-endian float32 files: the training and validation rows (row-major, NaN is
missing) and their 0/1 labels. Prints one JSON line: the validation AUC (sklearn's roc_auc_score),
the training seconds (DMatrix + xgboost.train, as the other side's Booster.train builds its own
DMatrix), batch prediction rows/s over the validation rows (best of --runs), and versions.
Everything runs under threadpool_limits(--threads) and nthread = --threads.
"""

import argparse
import json
import sys

try:
    import numpy as np
    import sklearn
    import xgboost
    from sklearn.metrics import roc_auc_score
    from threadpoolctl import threadpool_limits
except ImportError as error:
    sys.exit(
        f"{sys.executable} cannot import {error.name}: install it with "
        "`apt-get install python3-xgboost python3-sklearn python3-threadpoolctl`"
    )

from bench_io import read, timed  # noqa: E402 (after the import check, as it needs numpy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", required=True, help="train rows x cols float32")
    parser.add_argument("--train-labels", required=True, help="train labels float32 (0/1)")
    parser.add_argument("--train-rows", type=int, required=True)
    parser.add_argument("--valid", required=True, help="validation rows x cols float32")
    parser.add_argument("--valid-labels", required=True)
    parser.add_argument("--valid-rows", type=int, required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--params", required=True, help="XGBoost parameters as JSON (nthread is set here)")
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="timed batch predictions")
    args = parser.parse_args()

    x = read(args.train, "<f4", args.train_rows * args.cols, "--train").reshape(args.train_rows, args.cols)
    y = read(args.train_labels, "<f4", args.train_rows, "--train-labels")
    xv = read(args.valid, "<f4", args.valid_rows * args.cols, "--valid").reshape(args.valid_rows, args.cols)
    yv = read(args.valid_labels, "<f4", args.valid_rows, "--valid-labels")
    params = dict(json.loads(args.params), nthread=args.threads)
    # Options of the other side's (older) XGBoost that 1.7 no longer knows.
    params.pop("silent", None)
    params["verbosity"] = 0

    with threadpool_limits(limits=args.threads):
        dmatrix_s, train = timed(lambda: xgboost.DMatrix(x, label=y, missing=np.nan, nthread=args.threads))
        boost_s, booster = timed(lambda: xgboost.train(params, train, num_boost_round=args.rounds))
        predict_runs_s = []
        for _ in range(args.runs):
            seconds, probabilities = timed(
                lambda: booster.predict(xgboost.DMatrix(xv, missing=np.nan, nthread=args.threads))
            )
            predict_runs_s.append(seconds)

    print(
        json.dumps(
            {
                "auc": float(roc_auc_score(yv, probabilities)),
                "train_s": dmatrix_s + boost_s,
                "dmatrix_s": dmatrix_s,
                "boost_s": boost_s,
                "predict_rows_per_s": args.valid_rows / min(predict_runs_s),
                "predict_runs_s": predict_runs_s,
                "trees": len(booster.get_dump()),
                "xgboost": xgboost.__version__,
                "sklearn": sklearn.__version__,
                "numpy": np.__version__,
                "python": sys.version.split()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
