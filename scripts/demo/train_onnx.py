"""Trains the demo catalog's ONNX versions of "Credit default risk" and exports them to ONNX.

Called by scripts/demo/onnx.ts, which writes the preprocessed credit data (the v2 preprocessing
spec applied to the training split and to the holdout) and records the results in the manifest.
Uses Debian's python3-xgboost, python3-sklearn and python3-onnx; no converter package is needed:
the graphs are written with onnx.helper from the trained models' own parameters.

  - gradient-boosted trees (XGBoost): TreeEnsembleRegressor (ai.onnx.ml) summing the trees'
    margins, then Sigmoid: one probability column, like the TF.js models' sigmoid output;
  - an MLP (scikit-learn MLPClassifier): Gemm + Relu + Gemm + Sigmoid.

Writes <out>/gbt.onnx, <out>/mlp.onnx and <out>/metrics.json: the metrics of each trained model's
own predict_proba on the holdout, computed here (the figures demo:verify and the browser must match).

Usage: /usr/bin/python3 scripts/demo/train_onnx.py <data dir> <out dir>
"""
import json
import sys

import numpy as np
import onnx
import sklearn
import xgboost as xgb
from onnx import TensorProto, helper, numpy_helper
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier

data_dir, out_dir = sys.argv[1], sys.argv[2]
SEED = 20260704
EPS = 1e-7  # as scripts/demo/metrics.ts: float32 probabilities can be exactly 0 or 1


def load(name):
    return np.loadtxt(f'{data_dir}/{name}', delimiter=',', dtype=np.float32, ndmin=2)


x_train, y_train = load('x_train.csv'), load('y_train.csv')[:, 0]
x_holdout, y_holdout = load('x_holdout.csv'), load('y_holdout.csv')[:, 0]
width = x_train.shape[1]


def metrics(y, p, threshold=0.5):
    """The demo catalog's binary metrics, defined as scripts/demo/metrics.ts defines them."""
    predicted = p >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    tn = int(np.sum(~predicted & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    clipped = np.clip(p.astype(np.float64), EPS, 1 - EPS)
    return {
        'accuracy': (tp + tn) / len(y),
        'precision': precision,
        'recall': recall,
        'f1': 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        'roc_auc': float(roc_auc_score(y, p)),
        'log_loss': float(-np.mean(np.where(y == 1, np.log(clipped), np.log(1 - clipped)))),
    }


def model_proto(nodes, initializers, producer, version, ml=False):
    graph = helper.make_graph(
        nodes,
        'credit_default',
        [helper.make_tensor_value_info('features', TensorProto.FLOAT, ['N', width])],
        [helper.make_tensor_value_info('probability', TensorProto.FLOAT, ['N', 1])],
        initializers,
    )
    opsets = [helper.make_opsetid('', 17)] + ([helper.make_opsetid('ai.onnx.ml', 3)] if ml else [])
    model = helper.make_model(graph, producer_name=producer, producer_version=version, opset_imports=opsets)
    model.ir_version = 8  # what ONNX Runtime 1.14+ reads; onnx 1.12 would write 8 too
    onnx.checker.check_model(model)
    return model


# ---- gradient-boosted trees ------------------------------------------------------------------

booster = xgb.XGBClassifier(
    n_estimators=60, max_depth=3, learning_rate=0.15, subsample=0.9, colsample_bytree=0.9,
    objective='binary:logistic', base_score=0.5, random_state=SEED, tree_method='exact', n_jobs=1,
)
booster.fit(x_train, y_train)
p_gbt = booster.predict_proba(x_holdout)[:, 1].astype(np.float32)

attrs = {k: [] for k in ['nodes_treeids', 'nodes_nodeids', 'nodes_featureids', 'nodes_values', 'nodes_modes',
                         'nodes_truenodeids', 'nodes_falsenodeids', 'nodes_missing_value_tracks_true',
                         'target_treeids', 'target_nodeids', 'target_ids', 'target_weights']}
for tree_id, dump in enumerate(booster.get_booster().get_dump(dump_format='json')):
    stack = [json.loads(dump)]
    while stack:
        node = stack.pop()
        attrs['nodes_treeids'].append(tree_id)
        attrs['nodes_nodeids'].append(node['nodeid'])
        if 'leaf' in node:
            for k, v in [('nodes_featureids', 0), ('nodes_values', 0.0), ('nodes_modes', 'LEAF'), ('nodes_truenodeids', 0),
                         ('nodes_falsenodeids', 0), ('nodes_missing_value_tracks_true', 0)]:
                attrs[k].append(v)
            for k, v in [('target_treeids', tree_id), ('target_nodeids', node['nodeid']), ('target_ids', 0), ('target_weights', node['leaf'])]:
                attrs[k].append(v)
            continue
        # XGBoost goes to "yes" when x < split_condition (float32 compare), to "missing" on NaN.
        attrs['nodes_featureids'].append(int(node['split'][1:]))
        attrs['nodes_values'].append(node['split_condition'])
        attrs['nodes_modes'].append('BRANCH_LT')
        attrs['nodes_truenodeids'].append(node['yes'])
        attrs['nodes_falsenodeids'].append(node['no'])
        attrs['nodes_missing_value_tracks_true'].append(1 if node['missing'] == node['yes'] else 0)
        stack.extend(node['children'])
# base_score 0.5 is a margin of logit(0.5) = 0.
base_margin = float(np.log(booster.base_score / (1 - booster.base_score)))
trees = helper.make_node('TreeEnsembleRegressor', ['features'], ['margin'], domain='ai.onnx.ml', n_targets=1,
                         aggregate_function='SUM', post_transform='NONE', base_values=[base_margin], **attrs)
gbt = model_proto([trees, helper.make_node('Sigmoid', ['margin'], ['probability'])], [], 'xgboost', xgb.__version__, ml=True)

# ---- MLP -----------------------------------------------------------------------------------

mlp = MLPClassifier(hidden_layer_sizes=(16,), activation='relu', alpha=1e-3, learning_rate_init=3e-3, max_iter=300,
                    early_stopping=True, random_state=SEED)
mlp.fit(x_train, y_train)
p_mlp = mlp.predict_proba(x_holdout)[:, 1].astype(np.float32)
(w1, w2), (b1, b2) = mlp.coefs_, mlp.intercepts_
inits = [numpy_helper.from_array(a.astype(np.float32), n) for a, n in [(w1, 'w1'), (b1, 'b1'), (w2, 'w2'), (b2, 'b2')]]
mlp_model = model_proto(
    [
        helper.make_node('Gemm', ['features', 'w1', 'b1'], ['h1']),
        helper.make_node('Relu', ['h1'], ['a1']),
        helper.make_node('Gemm', ['a1', 'w2', 'b2'], ['logit']),
        helper.make_node('Sigmoid', ['logit'], ['probability']),
    ],
    inits, 'scikit-learn', sklearn.__version__,
)

onnx.save_model(gbt, f'{out_dir}/gbt.onnx')
onnx.save_model(mlp_model, f'{out_dir}/mlp.onnx')
results = {
    'gbt': {k: round(v, 6) for k, v in metrics(y_holdout, p_gbt).items()},
    'mlp': {k: round(v, 6) for k, v in metrics(y_holdout, p_mlp).items()},
    'versions': {'xgboost': xgb.__version__, 'sklearn': sklearn.__version__, 'onnx': onnx.__version__},
    'trees': len(booster.get_booster().get_dump()),
}
with open(f'{out_dir}/metrics.json', 'w') as f:
    json.dump(results, f, indent=2)
print(json.dumps(results))
