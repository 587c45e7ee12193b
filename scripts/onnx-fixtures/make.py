"""Writes the ONNX files the artifact validator's tests read (server/artifacts/fixtures/onnx/).

Built with the onnx package's own helpers and serializer (Debian python3-onnx), so the tests check
the validator against files written independently of it. Run: /usr/bin/python3 scripts/onnx-fixtures/make.py
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'server', 'artifacts', 'fixtures', 'onnx')
os.makedirs(OUT, exist_ok=True)


def save(model, name, check=True):
    if check:
        onnx.checker.check_model(model)
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(model.SerializeToString())


def linear(producer='skl2onnx'):
    """A logistic model on 3 float columns: Gemm + Sigmoid, weights as initializers."""
    w = numpy_helper.from_array(np.array([[0.5], [-1.25], [2.0]], dtype=np.float32), 'coef')
    b = numpy_helper.from_array(np.array([0.1], dtype=np.float32), 'intercept')
    graph = helper.make_graph(
        [helper.make_node('Gemm', ['float_input', 'coef', 'intercept'], ['logit']), helper.make_node('Sigmoid', ['logit'], ['probability'])],
        'linear',
        [helper.make_tensor_value_info('float_input', TensorProto.FLOAT, ['N', 3])],
        [helper.make_tensor_value_info('probability', TensorProto.FLOAT, ['N', 1])],
        [w, b],
    )
    return helper.make_model(graph, producer_name=producer, producer_version='1.0', opset_imports=[helper.make_opsetid('', 17)])


def per_feature():
    """One named input per raw feature, as a scikit-learn pipeline with a column transformer exports."""
    nodes = [
        helper.make_node('Concat', ['age', 'income'], ['x'], axis=1),
        helper.make_node('ReduceSum', ['x'], ['score'], keepdims=1),
    ]
    graph = helper.make_graph(
        nodes,
        'per_feature',
        [helper.make_tensor_value_info('age', TensorProto.FLOAT, ['N', 1]), helper.make_tensor_value_info('income', TensorProto.FLOAT, ['N', 1])],
        [helper.make_tensor_value_info('score', TensorProto.FLOAT, ['N', 1])],
    )
    return helper.make_model(graph, producer_name='skl2onnx', opset_imports=[helper.make_opsetid('', 13)])


# The raw-input credit graph's parameters; server/services/evaluations/raw-inputs-verification.test.ts computes
# its expected predictions from these same numbers by hand.
RAW_CREDIT_REGIONS = ['north', 'south', 'east', 'west', 'central']
RAW_CREDIT_WEIGHTS = [0.3, -0.8, 0.9, 0.2, -0.1, 0.05, 0.0, -0.3]
RAW_CREDIT_BIAS = -1.5


def raw_credit():
    """A scikit-learn-style pipeline over raw credit features, one named input per feature, each of
    another type and shape: age float [N, 1], annual_income double [N, 1] (NaN when missing, imputed
    inside the graph), late_payments_12m int64 [N], region string [N, 1] (one-hot inside the graph).
    p = sigmoid(w . [(age - 40) / 12, (income or 50000 - 50000) / 20000, late, onehot(region)] + b)."""
    c = lambda name, values, t=TensorProto.FLOAT: helper.make_tensor(name, t, [len(values)], values)
    inits = [
        c('c40', [40.0]), c('c12', [12.0]), c('c50000', [50000.0]), c('c20000', [20000.0]),
        c('axis1', [1], TensorProto.INT64), c('shape_n5', [-1, len(RAW_CREDIT_REGIONS)], TensorProto.INT64),
        helper.make_tensor('w', TensorProto.FLOAT, [len(RAW_CREDIT_WEIGHTS), 1], RAW_CREDIT_WEIGHTS), c('b', [RAW_CREDIT_BIAS]),
    ]
    nodes = [
        helper.make_node('Sub', ['age', 'c40'], ['age_c']),
        helper.make_node('Div', ['age_c', 'c12'], ['age_s']),
        helper.make_node('Cast', ['annual_income'], ['income_f'], to=TensorProto.FLOAT),
        helper.make_node('Imputer', ['income_f'], ['income_i'], domain='ai.onnx.ml', imputed_value_floats=[50000.0], replaced_value_float=float('nan')),
        helper.make_node('Sub', ['income_i', 'c50000'], ['income_c']),
        helper.make_node('Div', ['income_c', 'c20000'], ['income_s']),
        helper.make_node('Unsqueeze', ['late_payments_12m', 'axis1'], ['late_2d']),
        helper.make_node('Cast', ['late_2d'], ['late_f'], to=TensorProto.FLOAT),
        helper.make_node('OneHotEncoder', ['region'], ['region_3d'], domain='ai.onnx.ml', cats_strings=RAW_CREDIT_REGIONS, zeros=1),
        helper.make_node('Reshape', ['region_3d', 'shape_n5'], ['region_oh']),
        helper.make_node('Concat', ['age_s', 'income_s', 'late_f', 'region_oh'], ['x'], axis=1),
        helper.make_node('Gemm', ['x', 'w', 'b'], ['logit']),
        helper.make_node('Sigmoid', ['logit'], ['probability']),
    ]
    graph = helper.make_graph(
        nodes,
        'raw_credit',
        [
            helper.make_tensor_value_info('age', TensorProto.FLOAT, ['N', 1]),
            helper.make_tensor_value_info('annual_income', TensorProto.DOUBLE, ['N', 1]),
            helper.make_tensor_value_info('late_payments_12m', TensorProto.INT64, ['N']),
            helper.make_tensor_value_info('region', TensorProto.STRING, ['N', 1]),
        ],
        [helper.make_tensor_value_info('probability', TensorProto.FLOAT, ['N', 1])],
        inits,
    )
    model = helper.make_model(graph, producer_name='skl2onnx', producer_version='1.0', opset_imports=[helper.make_opsetid('', 17), helper.make_opsetid('ai.onnx.ml', 3)])
    model.ir_version = 8
    return model


def per_feature_bad_shapes():
    """Per-feature inputs of the wrong shapes: age [N, 2], income [N, 1, 1]."""
    graph = helper.make_graph(
        [helper.make_node('Flatten', ['income'], ['income_2d']), helper.make_node('Concat', ['age', 'income_2d'], ['x'], axis=1), helper.make_node('ReduceSum', ['x'], ['score'], keepdims=1)],
        'per_feature_bad_shapes',
        [helper.make_tensor_value_info('age', TensorProto.FLOAT, ['N', 2]), helper.make_tensor_value_info('income', TensorProto.FLOAT, ['N', 1, 1])],
        [helper.make_tensor_value_info('score', TensorProto.FLOAT, ['N', 1])],
    )
    return helper.make_model(graph, producer_name='skl2onnx', opset_imports=[helper.make_opsetid('', 13)])


def map_type(key, value):
    t = onnx.TypeProto()
    t.map_type.key_type = key
    t.map_type.value_type.CopyFrom(value)
    return t


def tree_with_zipmap():
    """A one-tree classifier whose probabilities go through ZipMap (a sequence of maps, not a tensor)."""
    tree = helper.make_node(
        'TreeEnsembleClassifier', ['X'], ['label', 'probs'], domain='ai.onnx.ml',
        classlabels_int64s=[0, 1], nodes_treeids=[0, 0, 0], nodes_nodeids=[0, 1, 2], nodes_featureids=[0, 0, 0],
        nodes_values=[0.5, 0, 0], nodes_modes=['BRANCH_LEQ', 'LEAF', 'LEAF'], nodes_truenodeids=[1, 0, 0], nodes_falsenodeids=[2, 0, 0],
        class_treeids=[0, 0], class_nodeids=[1, 2], class_ids=[1, 1], class_weights=[0.2, 0.8], post_transform='NONE',
    )
    zipmap = helper.make_node('ZipMap', ['probs'], ['probabilities'], domain='ai.onnx.ml', classlabels_int64s=[0, 1])
    graph = helper.make_graph(
        [tree, zipmap], 'zipmap',
        [helper.make_tensor_value_info('X', TensorProto.FLOAT, ['N', 1])],
        [helper.make_tensor_value_info('label', TensorProto.INT64, ['N']),
         helper.make_value_info('probabilities', helper.make_sequence_type_proto(map_type(TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.FLOAT, []))))],
    )
    return helper.make_model(graph, producer_name='skl2onnx', opset_imports=[helper.make_opsetid('', 17), helper.make_opsetid('ai.onnx.ml', 3)])


def custom_domain():
    graph = helper.make_graph(
        [helper.make_node('FastGelu', ['x'], ['y'], domain='com.microsoft')], 'custom',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['N', 4])], [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['N', 4])],
    )
    return helper.make_model(graph, producer_name='pytorch', opset_imports=[helper.make_opsetid('', 17), helper.make_opsetid('com.microsoft', 1)])


def with_external(location, offset=None, length=None):
    """linear() with its weights moved out to `location` (a 12-byte float32 [3,1] tensor)."""
    model = linear('pytorch')
    coef = model.graph.initializer[0]
    coef.ClearField('raw_data')
    coef.ClearField('float_data')
    coef.data_location = TensorProto.EXTERNAL
    entries = [('location', location)]
    if offset is not None:
        entries.append(('offset', str(offset)))
    if length is not None:
        entries.append(('length', str(length)))
    for k, v in entries:
        e = coef.external_data.add()
        e.key, e.value = k, v
    return model


save(linear(), 'linear.onnx')
save(per_feature(), 'per-feature.onnx')
save(raw_credit(), 'raw-credit.onnx')
save(per_feature_bad_shapes(), 'per-feature-bad-shapes.onnx')
save(tree_with_zipmap(), 'zipmap.onnx')
save(custom_domain(), 'custom-domain.onnx', check=False)
# weights.bin: 4 bytes of padding, then the three float32 weights.
with open(os.path.join(OUT, 'weights.bin'), 'wb') as f:
    f.write(b'\0\0\0\0' + np.array([0.5, -1.25, 2.0], dtype=np.float32).tobytes())
save(with_external('weights.bin', offset=4, length=12), 'external.onnx', check=False)
save(with_external('../weights.bin', offset=4, length=12), 'external-traversal.onnx', check=False)
save(with_external('/etc/passwd'), 'external-absolute.onnx', check=False)
save(with_external('weights.bin', offset=8, length=12), 'external-overrun.onnx', check=False)
print('wrote fixtures to', os.path.normpath(OUT))
