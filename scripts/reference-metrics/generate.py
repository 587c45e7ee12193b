"""Independent reference values for lib/metrics, written straight from the metric definitions
with numpy + scipy (no scikit-learn), so the TypeScript tests compare two implementations.
Run: python3 scripts/reference-metrics/generate.py  -> lib/metrics/reference.json
Inputs are rounded to 6 decimals so the JSON stays small; NaN is written as null."""
import json
import math
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

OUT = Path(__file__).resolve().parents[2] / "lib" / "metrics" / "reference.json"
EPS = 1e-15


def f(x):
    """float for JSON: None for NaN / missing."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def binary_reference(scores, labels, threshold=0.5, probe_thresholds=(0.2, 0.5, 0.8)):
    scores, labels = np.asarray(scores, float), np.asarray(labels, float)
    valid = np.isfinite(scores) & ((labels == 0) | (labels == 1))
    s, y = scores[valid], labels[valid].astype(int)
    n, p = len(s), int(y.sum())
    neg = n - p

    def confusion(t):
        pred = s >= t
        return dict(tp=int((pred & (y == 1)).sum()), fp=int((pred & (y == 0)).sum()),
                    tn=int((~pred & (y == 0)).sum()), fn=int((~pred & (y == 1)).sum()))

    c = confusion(threshold)
    tp, fp, tn, fn = c["tp"], c["fp"], c["tn"], c["fn"]
    out = dict(count=n, invalid=int((~valid).sum()), positives=p, threshold=threshold, confusion=c)
    out["accuracy"] = (tp + tn) / n if n else None
    out["precision"] = (tp / (tp + fp) if tp + fp else 0.0) if n else None
    out["recall"] = (tp / p if p else 0.0) if n else None
    out["f1"] = (2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0) if n else None
    clipped = np.clip(s, EPS, 1 - EPS)
    out["logLoss"] = float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))) if n else None
    # ROC AUC as the Mann-Whitney U statistic with average ranks for ties.
    if p and neg:
        ranks = rankdata(s)
        out["rocAuc"] = float((ranks[y == 1].sum() - p * (p + 1) / 2) / (p * neg))
    else:
        out["rocAuc"] = None
    # Average precision: sum over distinct thresholds (descending) of (R_n - R_{n-1}) * P_n.
    if p:
        th = np.unique(s)[::-1]
        pred = s[None, :] >= th[:, None]
        tps = (pred & (y == 1)[None, :]).sum(axis=1)
        fps = (pred & (y == 0)[None, :]).sum(axis=1)
        recall = tps / p
        prec = tps / (tps + fps)
        out["prAuc"] = float(np.sum(np.diff(np.concatenate([[0.0], recall])) * prec))
        out["distinctThresholds"] = int(len(th))
        if len(th) <= 30:  # full curves only where they are small
            out["rocCurve"] = [dict(threshold=None, fpr=0.0, tpr=0.0)] + [
                dict(threshold=float(t), fpr=float(b / neg) if neg else None, tpr=float(a / p))
                for t, a, b in zip(th, tps, fps)]
    else:
        out["prAuc"] = None
    out["probes"] = []
    for t in probe_thresholds:
        pc = confusion(t)
        out["probes"].append(dict(threshold=t, **pc))
    # Calibration: 10 equal-width bins on [0, 1], bin = floor(p * 10) clipped to 0..9.
    b = np.clip(np.floor(s * 10), 0, 9).astype(int)
    bins, ece = [], 0.0
    for i in range(10):
        m = b == i
        cnt = int(m.sum())
        mp = float(s[m].mean()) if cnt else None
        fpos = float(y[m].mean()) if cnt else None
        bins.append(dict(count=cnt, meanPredicted=mp, fractionPositive=fpos))
        if cnt:
            ece += cnt / n * abs(mp - fpos)
    out["calibration"] = bins
    out["ece"] = float(ece) if n else None
    return out


def multiclass_reference(probs, labels, k):
    probs, labels = np.asarray(probs, float).reshape(-1, k), np.asarray(labels, float)
    valid = np.isfinite(probs).all(axis=1) & np.isin(labels, np.arange(k))
    P, y = probs[valid], labels[valid].astype(int)
    n = len(y)
    pred = np.argmax(P, axis=1)  # first maximum wins on ties
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, (y, pred), 1)
    tp = np.diag(cm).astype(float)
    support = cm.sum(axis=1).astype(float)
    predicted = cm.sum(axis=0).astype(float)
    prec = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    rec = np.divide(tp, support, out=np.zeros(k), where=support > 0)
    f1d = 2 * tp + (predicted - tp) + (support - tp)
    f1 = np.divide(2 * tp, f1d, out=np.zeros(k), where=f1d > 0)
    present = np.union1d(y, pred)  # sklearn averages over labels seen in y_true or y_pred
    out = dict(k=k, count=n, invalid=int((~valid).sum()), accuracy=float(tp.sum() / n),
               confusion=cm.tolist(), presentClasses=present.tolist())
    out["macro"] = dict(precision=float(prec[present].mean()), recall=float(rec[present].mean()),
                        f1=float(f1[present].mean()))
    w = support[present] / support[present].sum()
    out["weighted"] = dict(precision=float((prec[present] * w).sum()),
                           recall=float((rec[present] * w).sum()), f1=float((f1[present] * w).sum()))
    aucs, skipped = [], []
    for c in range(k):
        pos = y == c
        npos, nneg = int(pos.sum()), int((~pos).sum())
        if npos == 0 or nneg == 0:
            skipped.append(c)
            continue
        r = rankdata(P[:, c])
        aucs.append((r[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg))
    out["rocAucOvrMacro"] = float(np.mean(aucs)) if aucs else None
    out["rocAucSkippedClasses"] = skipped
    return out


def regression_reference(pred, target):
    pred, target = np.asarray(pred, float), np.asarray(target, float)
    valid = np.isfinite(pred) & np.isfinite(target)
    p, t = pred[valid], target[valid]
    r = t - p  # residual = actual - predicted
    ss_tot = float(((t - t.mean()) ** 2).sum())
    counts, edges = np.histogram(r, bins=30)
    return dict(count=int(len(r)), invalid=int((~valid).sum()), mae=float(np.abs(r).mean()),
                rmse=float(np.sqrt((r ** 2).mean())),
                r2=(1 - float((r ** 2).sum()) / ss_tot) if ss_tot > 0 else None,
                histogram=dict(edges=edges.tolist(), counts=counts.tolist()))


def r6(a):
    return np.round(np.asarray(a, float), 6)


def main():
    rng = np.random.default_rng(20240611)
    cases = {}

    def add_binary(name, scores, labels):
        cases.setdefault("binary", {})[name] = dict(
            input=dict(scores=[f(x) for x in scores], labels=[int(v) for v in labels]),
            expected=binary_reference(scores, labels))

    y = (rng.random(1000) < 0.3).astype(int)
    s = r6(1 / (1 + np.exp(-(rng.normal(size=1000) + 1.2 * y - 0.8))))
    add_binary("normal", s, y)
    y = (rng.random(800) < 0.4).astype(int)
    add_binary("ties", np.round(np.clip(rng.normal(0.4 + 0.2 * y, 0.2), 0, 1), 1), y)
    add_binary("singleClass", r6(rng.random(50)), np.ones(50, int))
    y = (rng.random(300) < 0.5).astype(int)
    s = r6(np.clip(rng.normal(0.4 + 0.2 * y, 0.2), 0, 1))
    s[rng.random(300) < 0.1] = np.nan
    add_binary("nanScores", s, y)
    add_binary("tiny", np.array([0.1, 0.4, 0.35, 0.8, 0.8, 0.9]), np.array([0, 0, 1, 1, 0, 1]))

    cases["multiclass"] = {}
    for name, n, k, classes in (("three", 600, 3, 3), ("absentClass", 200, 4, 3)):
        lab = rng.integers(0, classes, n)
        logits = rng.normal(size=(n, k))
        logits[np.arange(n), lab] += 1.0
        if classes < k:
            logits[:, classes:] -= 10.0  # the extra class is never true and never predicted
        pr = r6(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True))
        cases["multiclass"][name] = dict(
            input=dict(k=k, probabilities=pr.ravel().tolist(), labels=lab.tolist()),
            expected=multiclass_reference(pr, lab, k))

    cases["regression"] = {}
    t = r6(rng.normal(50, 10, 1500))
    p = r6(t + rng.normal(0, 3, 1500) + 0.5)
    p[[3, 77]] = np.nan
    cases["regression"]["normal"] = dict(
        input=dict(predictions=[f(x) for x in p], targets=t.tolist()), expected=regression_reference(p, t))
    t = np.full(100, 7.0)
    p = r6(7 + rng.normal(0, 1, 100))
    cases["regression"]["constantTarget"] = dict(
        input=dict(predictions=p.tolist(), targets=t.tolist()), expected=regression_reference(p, t))

    cases["note"] = "Generated by scripts/reference-metrics/generate.py; null in an input array means NaN."
    OUT.write_text(json.dumps(cases, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
