"""Independent reference values for lib/drift, computed with scipy/numpy exactly as Evidently's
default data drift does it (evidently.calculations.stattests: registry._get_default_stattest,
ks/chisquare/z/wasserstein/jensenshannon/psi and utils.get_binned_data), re-implemented here on
numpy arrays (no pandas), so the TypeScript tests compare two implementations.
Run: python3 scripts/reference-drift/generate.py  -> lib/drift/reference.json
Inputs are rounded (6 decimals, 4 for the largest samples) and every value is recomputed from the
rounded inputs. In numeric inputs NaN is written as null and ±inf as the strings "inf" / "-inf";
in categorical inputs null is a missing value."""
import json
import math
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

OUT = Path(__file__).resolve().parents[2] / "lib" / "drift" / "reference.json"

DEFAULT_THRESHOLD = dict(ks=0.05, chisquare=0.05, z=0.05, wasserstein=0.1, jensenshannon=0.1, psi=0.1)


def f(x):
    """float for JSON; None for NaN, "inf" / "-inf" for infinities."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def numeric_json(a):
    return [f(x) for x in a]


# --- Evidently's logic on numpy arrays ---------------------------------------------------------

def clean_numeric(a):
    a = np.asarray(a, float)
    return a[np.isfinite(a)]  # Evidently: replace([-inf, inf], nan).dropna()


def value_counts(a):
    keys, counts = np.unique(np.asarray(a, dtype=object if isinstance(a[0], str) else float), return_counts=True)
    return {k: int(c) for k, c in zip(keys.tolist(), counts.tolist())}


def union_keys(ref, cur):
    return sorted(set(np.asarray(ref).tolist()) | set(np.asarray(cur).tolist()))


def default_stattest(ref, cur, feature_type):
    n_values = len(set(np.asarray(ref).tolist()) | set(np.asarray(cur).tolist()))
    if len(ref) <= 1000:
        if feature_type == "num":
            if n_values <= 5:
                return "chisquare" if n_values > 2 else "z"
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if feature_type == "num":
        return "jensenshannon" if n_values <= 5 else "wasserstein"
    return "jensenshannon"


def binned_data(ref, cur, feature_type, feel_zeroes):
    """evidently.calculations.stattests.utils.get_binned_data, with keys sorted."""
    edges = None
    if feature_type == "num" and len(np.unique(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, edges)[0] / len(ref)
        cp = np.histogram(cur, edges)[0] / len(cur)
    else:
        keys = union_keys(ref, cur)
        rc, cc = value_counts(ref), value_counts(cur)
        rp = np.array([rc.get(k, 0) / len(ref) for k in keys])
        cp = np.array([cc.get(k, 0) / len(cur) for k in keys])
    raw = (rp.copy(), cp.copy())
    if feel_zeroes:
        for p in (rp, cp):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp, edges, raw


def chi_stat_test(ref, cur):
    keys = union_keys(ref, cur)
    rc, cc = value_counts(ref), value_counts(cur)
    k_norm = len(cur) / len(ref)
    f_exp = [rc.get(k, 0) * k_norm for k in keys]
    f_obs = [cc.get(k, 0) for k in keys]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stat, p = stats.chisquare(f_obs, f_exp)
    scipy_p = float(p)
    if len(keys) == 1:
        p = 1.0  # lib/drift's documented choice: df = 0, scipy gives NaN
    return float(stat), float(p), scipy_p


def z_stat_test(ref, cur):
    ru, cu = np.unique(ref), np.unique(cur)
    if len(ru) == 1 and len(cu) == 1 and ru[0] == cu[0]:
        return 0.0, 1.0
    first = union_keys(ref, cur)[0]
    r = (np.asarray(ref) != first).astype(float)
    c = (np.asarray(cur) != first).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = float(sum(r)) / n1, float(sum(c)) / n2
    P = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * stats.norm.sf(abs(z)))  # Evidently: 2 * (1 - norm.cdf(|z|))


def feature_reference(ref_raw, cur_raw, feature_type, method=None, threshold=None):
    if feature_type == "num":
        ref_all, cur_all = np.asarray(ref_raw, float), np.asarray(cur_raw, float)
        ref, cur = clean_numeric(ref_all), clean_numeric(cur_all)
    else:
        ref = np.array([v for v in ref_raw if v is not None], dtype=object)
        cur = np.array([v for v in cur_raw if v is not None], dtype=object)
    out = dict(referenceCount=len(ref), currentCount=len(cur), referenceMissing=len(ref_raw) - len(ref),
               currentMissing=len(cur_raw) - len(cur),
               distinct=len(set(ref.tolist()) | set(cur.tolist())))
    m = method or default_stattest(ref, cur, feature_type)
    t = DEFAULT_THRESHOLD[m] if threshold is None else threshold
    out.update(method=m, threshold=t)
    p_value = None
    if m == "ks":
        res = stats.ks_2samp(ref, cur)
        stat, p_value = float(res.statistic), float(res.pvalue)
        out["ksMethod"] = "exact" if max(len(ref), len(cur)) <= 10000 else "asymp"
    elif m == "wasserstein":
        norm = max(np.std(ref), 0.001)
        out["referenceStd"] = float(np.std(ref))
        out["wasserstein"] = float(stats.wasserstein_distance(ref, cur))
        stat = out["wasserstein"] / norm
    elif m == "chisquare":
        stat, p_value, scipy_p = chi_stat_test(ref, cur)
        out["scipyPValue"] = f(scipy_p)
    elif m == "z":
        stat, p_value = z_stat_test(ref, cur)
    elif m in ("jensenshannon", "psi"):
        rp, cp, edges, raw = binned_data(ref, cur, feature_type, feel_zeroes=(m == "psi"))
        out["shares"] = dict(reference=raw[0].tolist(), current=raw[1].tolist(),
                             edges=None if edges is None else edges.tolist())
        if m == "jensenshannon":
            stat = float(distance.jensenshannon(rp, cp))
        else:
            stat = float(np.sum((rp - cp) * np.log(rp / cp)))
    score = p_value if m in ("ks", "chisquare", "z") else stat
    if m == "ks":
        drifted = score <= t
    elif m in ("chisquare", "z"):
        drifted = score < t
    else:
        drifted = score >= t
    out.update(statistic=f(stat), pValue=None if p_value is None else f(p_value), drifted=bool(drifted))
    return out


# --- cases -------------------------------------------------------------------------------------

def r6(a):
    return np.round(np.asarray(a, float), 6)


def r4(a):
    return np.round(np.asarray(a, float), 4)


def special_cases():
    ks, sm = [], []
    for n in [1, 2, 3, 5, 7, 10, 20, 50, 100, 139, 140, 141, 200, 500, 1000, 2609, 4975, 10000, 100000, 100001,
              1500000]:
        ds = [0.0001, 0.001, 0.003, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95,
              0.999, 1 / n, 0.5 / n, 0.75 / n, 1 - 1 / n, 1.3 / n, 0.5 / np.sqrt(n), 0.8 / np.sqrt(n),
              1 / np.sqrt(n), 1.2 / np.sqrt(n), 1.45 / np.sqrt(n), 1.6 / np.sqrt(n), 2 / np.sqrt(n),
              3 / np.sqrt(n), 5 / np.sqrt(n)]
        for d in sorted(set(float(d) for d in ds)):
            if 0 < d < 1:
                ks.append([n, d, float(stats.kstwo.sf(d, n))])
                sm.append([n, d, float(special.smirnov(n, d))])
    chi = []
    for df in [1, 2, 3, 4, 5, 9, 10, 19, 49, 99, 500, 2000]:
        for x in [1e-8, 0.01, 0.5, 1, 2, df * 0.5, df - 1, df, df + 1, df * 1.5, df * 3, df + 50, 100, 700, 1400]:
            if x > 0:
                chi.append([df, float(x), float(special.chdtrc(df, x))])
    norm = [[z, float(stats.norm.sf(z))] for z in
            [0, 1e-9, 0.1, 0.5, 0.99, 1, 1.0001, 1.4, 1.5, 2, 3, 5, 8, 8.3, 10, 20, 37, 38, -2]]
    erfc = [[x, float(special.erfc(x))] for x in [-3, -0.5, 0, 0.3, 0.999, 1, 1.5, 4, 7.9, 8.1, 15, 26, 27.3]]
    gammaln = [[x, float(special.gammaln(x))] for x in
               [0.1, 0.5, 1, 1.5, 2, 2.5, 3, 7.5, 10, 50.5, 100, 1000.5, 1e5]]
    return dict(kstwoSf=ks, smirnovSf=sm, chiSquareSf=chi, normalSf=norm, erfc=erfc, lnGamma=gammaln)


def ks_cases(rng):
    cases = {}

    def add(name, a, b, mode="auto"):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            res = stats.ks_2samp(a, b, method=mode)
        used = mode if mode != "auto" else ("exact" if max(len(a), len(b)) <= 10000 else "asymp")
        if any("Switching to" in str(x.message) for x in w):
            used = "asymp"
        cases[name] = dict(input=dict(a=a.tolist(), b=b.tolist(), mode=mode),
                           expected=dict(statistic=float(res.statistic), pValue=float(res.pvalue), method=used))

    add("tiny", r6(rng.normal(size=5)), r6(rng.normal(size=5)))
    add("tinyUnequal", r6(rng.normal(size=7)), r6(rng.normal(0.5, 1, size=4)))
    add("equalSizes", r6(rng.normal(size=200)), r6(rng.normal(0.2, 1, size=200)))
    add("equalSizesDisjoint", r6(rng.uniform(0, 1, 60)), r6(rng.uniform(2, 3, 60)))
    add("unequal", r6(rng.normal(size=300)), r6(rng.normal(0.1, 1.2, size=457)))
    add("coprimeShifted", r6(rng.normal(size=499)), r6(rng.normal(0.4, 1, size=1000)))
    add("ties", np.round(rng.normal(size=150), 1), np.round(rng.normal(0.1, 1, size=170), 1))
    add("identical", r6(np.arange(50) / 7), r6(np.arange(50) / 7))
    add("largeExact", r4(rng.normal(size=1000)), r4(rng.normal(0.03, 1, size=10000)))
    add("largeAsymp", r4(rng.normal(size=1000)), r4(rng.normal(0.03, 1, size=10001)))
    add("asympSmall", r6(rng.normal(size=80)), r6(rng.normal(0.5, 1, size=90)), mode="asymp")
    add("asympSmallN", r6(rng.normal(size=30)), r6(rng.normal(0.3, 1, size=40)), mode="asymp")
    add("asympBigShift", r6(rng.normal(size=400)), r6(rng.normal(0.6, 1, size=500)), mode="asymp")
    add("exactExplicit", r6(rng.normal(size=120)), r6(rng.normal(0, 2, size=95)), mode="exact")
    return cases


def block_cases(rng):
    out = {}
    u, v = r6(rng.normal(size=300)), r6(rng.exponential(size=250))
    out["wasserstein"] = dict(input=dict(u=u.tolist(), v=v.tolist()),
                              expected=float(stats.wasserstein_distance(u, v)))
    pooled = r6(rng.gamma(2, 2, size=777))
    out["sturges"] = dict(input=dict(values=pooled.tolist()),
                          expected=np.histogram_bin_edges(pooled, bins="sturges").tolist())
    out["sturgesConstant"] = dict(input=dict(values=[3.5] * 10),
                                  expected=np.histogram_bin_edges(np.full(10, 3.5), bins="sturges").tolist())
    out["sturgesPowerOfTwo"] = dict(input=dict(values=np.arange(64, dtype=float).tolist()),
                                    expected=np.histogram_bin_edges(np.arange(64, dtype=float), bins="sturges").tolist())
    edges = np.array([0.0, 1.0, 2.0, 2.5, 4.0])
    vals = np.array([0, 0.5, 1, 1, 2, 2.4999, 2.5, 3, 4, 4, 4.5, -1])
    out["histogram"] = dict(input=dict(values=vals.tolist(), edges=edges.tolist()),
                            expected=(np.histogram(vals, edges)[0] / len(vals)).tolist())
    p = np.array([0.1, 0.2, 0.0, 0.7])
    q = np.array([0.3, 0.3, 0.3, 0.1])
    out["jensenshannon"] = dict(input=dict(p=p.tolist(), q=q.tolist()),
                                expected=dict(e=float(distance.jensenshannon(p, q)),
                                              base2=float(distance.jensenshannon(p, q, base=2))))
    unnormalized = np.array([1.0, 2.0, 3.0]), np.array([3.0, 3.0, 0.0])
    out["jensenshannonUnnormalized"] = dict(
        input=dict(p=unnormalized[0].tolist(), q=unnormalized[1].tolist()),
        expected=float(distance.jensenshannon(*unnormalized)))
    rp, cp = np.array([0.5, 0.49995, 0.00005, 0.0]), np.array([0.25, 0.25, 0.0, 0.5])
    filled = []
    for s in (rp.copy(), cp.copy()):
        m = min(s[s != 0])
        np.place(s, s == 0, m / 10**6 if m <= 0.0001 else 0.0001)
        filled.append(s)
    out["psi"] = dict(input=dict(reference=rp.tolist(), current=cp.tolist()),
                      expected=dict(value=float(np.sum((filled[0] - filled[1]) * np.log(filled[0] / filled[1]))),
                                    referenceFilled=filled[0].tolist(), currentFilled=filled[1].tolist()))
    obs, exp = [10, 20, 30, 0], [15.0, 15.0, 25.0, 5.0]
    s, pv = stats.chisquare(obs, exp)
    out["chisquare"] = dict(input=dict(observed=obs, expected=exp), expected=dict(statistic=float(s), pValue=float(pv)))
    obs, exp = [10, 20, 5], [15.0, 20.0, 0.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s, pv = stats.chisquare(obs, exp)
    out["chisquareZeroExpected"] = dict(input=dict(observed=obs, expected=exp),
                                        expected=dict(statistic=f(s), pValue=float(pv)))
    out["ztest"] = []
    for x1, n1, x2, n2 in [(30, 100, 45, 120), (1, 1000, 40, 1000), (0, 500, 500, 600), (3, 7, 4, 9),
                           (10000, 20000, 9000, 20000)]:
        p1, p2 = x1 / n1, x2 / n2
        P = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
        out["ztest"].append(dict(input=[x1, n1, x2, n2], expected=dict(statistic=float(z),
                                                                       pValue=float(2 * stats.norm.sf(abs(z))))))
    return out


def feature_cases(rng):
    cases = {}

    def add(name, ftype, ref, cur, method=None, threshold=None, counts=False):
        if counts:  # pre-aggregated categorical input: expand for the computation
            ref_raw = [k for k, c in ref["counts"] for _ in range(c)] + [None] * ref.get("missing", 0)
            cur_raw = [k for k, c in cur["counts"] for _ in range(c)] + [None] * cur.get("missing", 0)
            inp = dict(reference=ref, current=cur)
        else:
            ref_raw, cur_raw = list(ref), list(cur)
            if ftype == "num":
                inp = dict(reference=numeric_json(ref), current=numeric_json(cur))
            else:
                inp = dict(reference=ref_raw, current=cur_raw)
        inp["type"] = "numeric" if ftype == "num" else "categorical"
        if method:
            inp["method"] = method
        if threshold is not None:
            inp["threshold"] = threshold
        cases[name] = dict(input=inp, expected=feature_reference(ref_raw, cur_raw, ftype, method, threshold))

    N = rng.normal
    # Small references (<= 1000 non-missing): KS, chi-square, z.
    add("numSmallSame", "num", r6(N(size=300)), r6(N(size=400)))
    add("numSmallShift", "num", r6(N(size=500)), r6(N(0.3, 1, size=600)))
    add("numSmallTies", "num", np.round(N(size=200), 1), np.round(N(0.05, 1, size=250), 1))
    ref = r6(N(10, 2, size=420))
    ref[rng.choice(420, 25, replace=False)] = np.nan
    ref[[3, 9]] = [np.inf, -np.inf]
    cur = r6(N(10.4, 2, size=500))
    cur[rng.choice(500, 40, replace=False)] = np.nan
    add("numSmallMissing", "num", ref, cur)
    add("numSmallEqualSizes", "num", r6(N(size=300)), r6(N(0.15, 1, size=300)))
    add("numSmallBigCurrent", "num", r4(N(size=1000)), r4(N(0.05, 1, size=10500)))
    add("numSmall1000Exact", "num", r4(N(size=1000)), r4(N(0.02, 1.05, size=3000)))
    add("numFewChi", "num", rng.integers(0, 4, 500).astype(float), rng.choice(4, 600, p=[0.2, 0.3, 0.3, 0.2]).astype(float))
    add("numFiveDistinct", "num", rng.integers(0, 5, 300).astype(float), rng.integers(0, 5, 310).astype(float))
    add("numSixDistinct", "num", rng.integers(0, 6, 300).astype(float), rng.integers(0, 6, 310).astype(float))
    add("numBinaryZ", "num", (rng.random(800) < 0.3).astype(float), (rng.random(900) < 0.36).astype(float))
    add("numConstantSameZ", "num", np.full(50, 2.0), np.full(70, 2.0))
    add("numBinaryDisjointZ", "num", np.full(40, 1.0), np.full(30, 2.0))
    # Large references (> 1000): Wasserstein (normed), Jensen-Shannon.
    add("numLargeSame", "num", r6(N(5, 3, size=3000)), r6(N(5, 3, size=4000)))
    add("numLargeShift", "num", r6(N(size=2000)), r6(N(0.2, 1, size=3000)))
    add("numLarge1001", "num", r6(N(size=1001)), r6(N(0.05, 1, size=800)))
    add("numLargeFewJs", "num", rng.choice([1.0, 2.0, 3.0], 1500, p=[0.5, 0.3, 0.2]),
        rng.choice([1.0, 2.0, 3.0], 1700, p=[0.4, 0.3, 0.3]))
    add("numLargeConstantReference", "num", np.full(1200, 5.0), r6(N(5, 0.01, size=900)))
    # Explicit methods and thresholds.
    add("numPsiBinned", "num", r6(N(size=1500)), r6(N(1.5, 0.7, size=1200)), method="psi")
    add("numPsiValues", "num", rng.integers(0, 15, 1300).astype(float), rng.integers(5, 22, 1400).astype(float),
        method="psi")
    add("numJsBinnedSmall", "num", r6(N(size=400)), r6(N(0.3, 1, size=350)), method="jensenshannon")
    add("numJsValues", "num", rng.integers(0, 12, 700).astype(float), rng.integers(0, 12, 650).astype(float),
        method="jensenshannon")
    add("numKsLarge", "num", r4(N(size=3000)), r4(N(0.02, 1, size=20000)), method="ks")
    add("numChiExplicit", "num", rng.integers(0, 10, 900).astype(float), rng.integers(0, 10, 950).astype(float),
        method="chisquare")
    add("numZExplicit", "num", rng.integers(0, 4, 300).astype(float), rng.integers(0, 4, 330).astype(float),
        method="z")
    add("numWassersteinThreshold", "num", r6(N(size=1500)), r6(N(0.05, 1, size=1600)), method="wasserstein",
        threshold=0.02)
    add("numKsThreshold", "num", r6(N(size=200)), r6(N(0.2, 1, size=220)), threshold=0.2)
    # Categorical.
    cats = np.array(["a", "b", "c"])
    add("catSmallChi", "cat", rng.choice(cats, 600, p=[0.5, 0.3, 0.2]).tolist(),
        rng.choice(cats, 700, p=[0.45, 0.3, 0.25]).tolist())
    add("catSmallNewCategory", "cat", rng.choice(cats, 300).tolist(),
        rng.choice(np.array(["a", "b", "c", "d"]), 320, p=[0.3, 0.3, 0.3, 0.1]).tolist())
    add("catSmallBinaryZ", "cat", rng.choice(["yes", "no"], 500, p=[0.7, 0.3]).tolist(),
        rng.choice(["yes", "no"], 450, p=[0.62, 0.38]).tolist())
    add("catConstantSame", "cat", ["x"] * 40, ["x"] * 25)
    add("catDisjointBinary", "cat", ["a"] * 30, ["b"] * 35)
    ref = rng.choice(cats, 500).tolist()
    cur = rng.choice(cats, 450).tolist()
    for i in rng.choice(500, 30, replace=False):
        ref[i] = None
    for i in rng.choice(450, 10, replace=False):
        cur[i] = None
    add("catMissing", "cat", ref, cur)
    six = np.array(list("uvwxyz"))
    add("catLargeJs", "cat", rng.choice(six, 2000).tolist(),
        rng.choice(six, 2500, p=[0.25, 0.15, 0.15, 0.15, 0.15, 0.15]).tolist())
    add("catLargeSame", "cat", rng.choice(six, 1800).tolist(), rng.choice(six, 1900).tolist())
    add("catChiThreshold", "cat", rng.choice(cats, 400).tolist(), rng.choice(cats, 420).tolist(),
        method="chisquare", threshold=0.9)
    add("catPsiCounts", "cat", dict(counts=[["a", 15000], ["b", 4999], ["c", 1]], missing=12),
        dict(counts=[["a", 100], ["b", 50], ["d", 3]]), method="psi", counts=True)
    add("catJsCounts", "cat", dict(counts=[["a", 1500], ["b", 800], ["c", 200]]),
        dict(counts=[["a", 90], ["b", 60], ["c", 50]], missing=4), counts=True)
    add("catChiCountsSingle", "cat", dict(counts=[["only", 30]]), dict(counts=[["only", 45]]), method="chisquare",
        counts=True)
    return cases


def main():
    rng = np.random.default_rng(20250611)
    data = dict(
        note="Generated by scripts/reference-drift/generate.py; in numeric inputs null is NaN and "
             "\"inf\"/\"-inf\" are infinities; in categorical inputs null is missing.",
        versions=dict(scipy=scipy.__version__, numpy=np.__version__),
        special=special_cases(),
        ks2samp=ks_cases(rng),
        blocks=block_cases(rng),
        features=feature_cases(rng),
    )
    OUT.write_text(json.dumps(data, separators=(",", ":"), allow_nan=False) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
