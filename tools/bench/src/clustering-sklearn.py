"""scikit-learn's side of `npm run bench -- clustering`: the same data, the same starting centres.

Run with Debian's interpreter (python3-sklearn), e.g.

    /usr/bin/python3 clustering-sklearn.py --data x.f64 --rows 100000 --cols 10 --k 5 \
        --init centres.f64 --sample sample.i32 --sample-labels sample-labels.i32 --labels-out labels.i32

Inputs are raw little-endian files: the rows (float64, rows x cols, row-major), the starting
centres (float64, k x cols), the silhouette sample's row indices and labels (int32). Prints one
JSON line; writes the fitted labels (int32) when asked, so the caller can compare label sets.

Timed, each `--runs` times: `kmeans_plusplus` (sklearn's own seeding, what its fit would cost), then
`KMeans(init=<the given centres>, n_init=1, algorithm='lloyd').fit`, so that both sides iterate
from the same start. Everything runs under threadpool_limits(--threads) (OpenMP and BLAS).
"""

import argparse
import json
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_info, threadpool_limits

from bench_io import read, timed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="rows x cols float64, little-endian")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--init", help="k x cols float64 starting centres (default: sklearn's k-means++)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0, help="random_state of the k-means++ seeding")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sample", help="int32 row indices for the silhouette")
    parser.add_argument("--sample-labels", help="int32 labels of those rows (the caller's)")
    parser.add_argument("--labels-out", help="where to write the fitted labels (int32)")
    args = parser.parse_args()

    x = read(args.data, "<f8", args.rows * args.cols, "--data").reshape(args.rows, args.cols)
    init = None
    if args.init:
        init = read(args.init, "<f8", args.k * args.cols, "--init").reshape(args.k, args.cols)

    result = {}
    with threadpool_limits(limits=args.threads):
        seeding_s, lloyd_s = [], []
        model = None
        for _ in range(args.runs):
            seconds, (centres, _) = timed(lambda: kmeans_plusplus(x, args.k, random_state=args.seed))
            seeding_s.append(seconds)
            start = init if init is not None else centres
            kmeans = KMeans(n_clusters=args.k, init=start, n_init=1, algorithm="lloyd", random_state=args.seed)
            seconds, model = timed(lambda: kmeans.fit(x))
            lloyd_s.append(seconds)
        fit_s = [s + l for s, l in zip(seeding_s, lloyd_s)]
        result.update(
            fit_s=min(fit_s),
            fit_runs_s=fit_s,
            seeding_runs_s=seeding_s,
            lloyd_runs_s=lloyd_s,
            inertia=float(model.inertia_),
            n_iter=int(model.n_iter_),
        )

        if args.sample:
            if not args.sample_labels:
                sys.exit("--sample needs --sample-labels")
            indices = np.fromfile(args.sample, dtype="<i4")
            labels = read(args.sample_labels, "<i4", indices.size, "--sample-labels")
            silhouette_s = []
            for _ in range(args.runs):
                seconds, score = timed(lambda: silhouette_score(x[indices], labels, metric="euclidean"))
                silhouette_s.append(seconds)
            result.update(
                silhouette=float(score),
                silhouette_s=min(silhouette_s),
                silhouette_runs_s=silhouette_s,
                silhouette_rows=int(indices.size),
            )

        libraries = sorted({f"{pool['internal_api']} ({pool.get('num_threads')})" for pool in threadpool_info()})

    if args.labels_out:
        model.labels_.astype("<i4").tofile(args.labels_out)
    result.update(
        sklearn=sklearn.__version__,
        numpy=np.__version__,
        python=sys.version.split()[0],
        threadpools=libraries,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
