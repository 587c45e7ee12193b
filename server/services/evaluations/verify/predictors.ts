// The server runs a version's model through the predictor of its format: TF.js (layers and graph
// models) and ONNX. A format stored inert ("opaque") has none: its evaluations cannot be verified.
import type { ModelVersion } from '@/server/db/schema';
import { onnxPredictor } from './onnx-predictor';
import { tfjsPredictor } from './tfjs-predictor';

import type { Predictor } from './predictor';

export type { ModelFile } from './predictor';

export type ModelFormat = ModelVersion['format'];

const PREDICTORS: Partial<Record<ModelFormat, Predictor>> = {
  'layers-model': tfjsPredictor,
  'graph-model': tfjsPredictor,
  onnx: onnxPredictor,
};

export function predictorFor(format: ModelFormat): Predictor {
  const predictor = PREDICTORS[format];
  if (!predictor) throw new Error(`The server has no predictor for models of format “${String(format)}”.`);
  return predictor;
}
