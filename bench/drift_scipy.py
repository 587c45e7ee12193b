"""scipy's computation of the drift report bench/drift-report.ts measures, on the same data: per
numeric feature Evidently's default for a reference over 1,000 rows (Wasserstein distance normed by
the reference's standard deviation, drift at >= 0.1), and dataset drift (share >= 0.5).
Usage: python3 bench/drift_scipy.py reference.f64 window.f64 features runs  -> one JSON line.
Both files hold float64 values row-major (rows x features), NaN for a missing value. Only the
computation is timed (loading the arrays is not)."""
import json
import sys
import time

import numpy as np
from scipy import stats


def report(ref, cur):
    drifted = []
    statistics = []
    for f in range(ref.shape[1]):
        r = ref[:, f]
        c = cur[:, f]
        r = r[np.isfinite(r)]
        c = c[np.isfinite(c)]
        stat = stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)
        statistics.append(float(stat))
        drifted.append(bool(stat >= 0.1))
    share = sum(drifted) / len(drifted)
    return statistics, drifted, share >= 0.5


def main():
    ref_path, cur_path, features, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    ref = np.fromfile(ref_path, dtype="<f8").reshape(-1, features)
    cur = np.fromfile(cur_path, dtype="<f8").reshape(-1, features)
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = report(ref, cur)
        times.append(time.perf_counter() - t0)
    print(json.dumps(dict(seconds=times, statistics=out[0], drifted=out[1], datasetDrift=out[2])))


if __name__ == "__main__":
    main()
