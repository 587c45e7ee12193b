// A small but real TF.js LayersModel artifact (model.json + one weight shard) for tests.
// `outputs` > 1 gives a softmax over that many classes instead of one sigmoid unit.
export function tfjsModelFiles(options: { inputs?: number; units?: number; seed?: number; outputs?: number } = {}) {
  const inputs = options.inputs ?? 4;
  const units = options.units ?? 8;
  const outputs = options.outputs ?? 1;
  const weights = [
    { name: 'dense/kernel', shape: [inputs, units], dtype: 'float32' },
    { name: 'dense/bias', shape: [units], dtype: 'float32' },
    { name: 'out/kernel', shape: [units, outputs], dtype: 'float32' },
    { name: 'out/bias', shape: [outputs], dtype: 'float32' },
  ];
  const floats = weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  const values = new Float32Array(floats).map((_, i) => Math.sin(i + (options.seed ?? 0)));
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          { class_name: 'Dense', config: { name: 'dense', units, activation: 'relu', batch_input_shape: [null, inputs], dtype: 'float32' } },
          { class_name: 'Dense', config: { name: 'out', units: outputs, activation: outputs > 1 ? 'softmax' : 'sigmoid', dtype: 'float32' } },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }],
  };
  return {
    modelJson,
    files: [
      { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) },
      { name: 'group1-shard1of1.bin', bytes: new Uint8Array(values.buffer) },
    ],
  };
}

export const creditCsv = (rows = 40) => {
  const lines = ['age,income,region,defaulted'];
  for (let i = 0; i < rows; i++) lines.push(`${20 + (i % 50)},${30000 + i * 1000},${['north', 'south', 'east'][i % 3]},${i % 5 === 0 ? 'yes' : 'no'}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
};
