// What a version needs recorded before it can be evaluated, and the words used to refuse it.
import { describe, expect, it } from 'vitest';
import { evaluationRefusal, missingForEvaluation, modelInputWidth } from './readiness';

const spec = { steps: [{ feature: 'a', kind: 'passthrough' as const }], missingNumeric: { strategy: 'mean' as const } };
const complete = {
  format: 'layers-model',
  files: [{ name: 'model.json' }, { name: 'group1-shard1of1.bin' }],
  inputSchema: { features: [{ name: 'a', type: 'numeric' as const, allowMissing: false }] },
  outputSchema: { target: 'y' },
  preprocessing: spec,
};

describe('what evaluation needs', () => {
  it('lists exactly the missing parts, in a fixed order', () => {
    expect(missingForEvaluation(complete)).toEqual([]);
    expect(missingForEvaluation({ ...complete, preprocessing: null })).toEqual(['preprocessing']);
    expect(missingForEvaluation({ ...complete, files: [{ name: 'group1-shard1of1.bin' }], outputSchema: null, inputSchema: null })).toEqual(['model_file', 'input_schema', 'output_schema']);
    expect(missingForEvaluation({ ...complete, format: 'onnx', files: [{ name: 'model.ONNX' }] })).toEqual([]);
  });

  it('needs no preprocessing spec for an ONNX graph that takes each feature as its own input', () => {
    const perFeature = { ...complete, format: 'onnx', files: [{ name: 'pipe.onnx' }], preprocessing: null, rawFeatureInputs: [{ feature: 'a', input: 'a', elemType: 'float32' }] };
    expect(missingForEvaluation(perFeature)).toEqual([]);
    expect(modelInputWidth({ artifactInfo: null, rawFeatureInputs: perFeature.rawFeatureInputs })).toBeNull();
  });

  it('says what is missing and where to add it; a missing model file takes a new version', () => {
    expect(evaluationRefusal(3, ['output_schema', 'preprocessing'])).toEqual({
      message: 'v3 cannot be evaluated: it has no output schema (target and class labels) and preprocessing spec recorded.',
      fix: 'Add the output schema (target and class labels) and preprocessing spec on the version’s Schema tab.',
    });
    expect(evaluationRefusal(2, ['model_file']).fix).toBe('Its files cannot change: register a new version with the model file.');
  });

  it('reads the input width of a model fed one matrix', () => {
    const tfjs = { kind: 'tfjs' as const, weightCount: 4, inputShapes: [[null, 5]], tfjsVersion: null, generatedBy: null, convertedBy: null };
    expect(modelInputWidth({ artifactInfo: tfjs })).toBe(5);
    const onnx = { kind: 'onnx' as const, irVersion: 8, producerName: '', producerVersion: '', opsets: [], nodeCount: 1, operators: [], externalData: [], outputs: [] };
    expect(modelInputWidth({ artifactInfo: { ...onnx, inputs: [{ name: 'x', elemType: 'float32', shape: ['N', 7] }] } })).toBe(7);
    expect(modelInputWidth({ artifactInfo: { ...onnx, inputs: [{ name: 'x', elemType: 'float32', shape: ['N', 'F'] }] } })).toBeNull();
  });
});
