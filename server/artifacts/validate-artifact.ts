// One entry point for every uploaded artifact: tells the format from the declared one or the file
// names, checks the files with that format's validator, and returns what the registry stores.
// Formats other than TF.js and ONNX are kept byte for byte and never parsed or loaded.
import { createHash } from 'node:crypto';
import type { CheckedArtifact, DeclaredFormat } from '@/lib/validation/artifact-info';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import { DEFAULT_ONNX_LIMITS, validateOnnxUpload } from './validate-onnx';
import { contentDigestOf, DEFAULT_ARTIFACT_LIMITS, plainFileNameProblem, validateTfjsUpload, type ArtifactLimits, type UploadedFile } from './validate-tfjs';

const MODEL_JSON = 'model.json';

/** An ONNX protobuf starts with field 1 (ir_version) as a varint: byte 0x08. JSON starts with "{" (after a BOM or spaces). */
function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x08;
}

function tfjs(files: UploadedFile[], limits: ArtifactLimits): CheckedArtifact {
  const modelJson = files.find((f) => f.name === MODEL_JSON);
  if (modelJson && looksLikeOnnx(modelJson.bytes)) {
    throw new ValidationError('model.json holds an ONNX model (protobuf), not TensorFlow.js JSON. Name the file model.onnx and upload it as an ONNX model.', {
      rule: 'format_mismatch',
      file: MODEL_JSON,
    });
  }
  const { format, files: described, contentDigest, totalBytes, weightCount, inputShapes, tfjsVersion, generatedBy, convertedBy } = validateTfjsUpload(files, limits);
  return { format, files: described, contentDigest, totalBytes, info: { kind: 'tfjs', weightCount, inputShapes, tfjsVersion, generatedBy, convertedBy } };
}

/** A guess at what an opaque upload is, for people reading the version page. */
function detectOpaque(files: UploadedFile[]): string {
  const names = files.map((f) => f.name.toLowerCase());
  const has = (test: (name: string) => boolean) => names.some(test);
  if (names.includes('mlmodel')) return 'MLflow model';
  if (has((n) => n.endsWith('.safetensors'))) return 'safetensors';
  if (has((n) => n.endsWith('.keras') || n.endsWith('.h5') || n.endsWith('.hdf5'))) return 'Keras';
  if (has((n) => n.endsWith('.joblib'))) return 'joblib';
  if (has((n) => n.endsWith('.pkl') || n.endsWith('.pickle'))) return 'pickle';
  if (has((n) => n.endsWith('.pt') || n.endsWith('.pth'))) return 'PyTorch checkpoint';
  if (files.some((f) => f.bytes[0] === 0x80 && (f.bytes[1] ?? 0) <= 5)) return 'pickle'; // pickle protocol 2-5 header
  return 'file';
}

/** Any other format: names and sizes checked, bytes hashed, nothing read. */
function opaque(files: UploadedFile[], limits: ArtifactLimits): CheckedArtifact {
  let totalBytes = 0;
  for (const file of files) totalBytes += file.bytes.byteLength;
  if (totalBytes > limits.maxTotalBytes) {
    throw new PayloadTooLargeError(`The upload is ${(totalBytes / 1024 / 1024).toFixed(1)} MiB, over the ${limits.maxTotalBytes / 1024 / 1024} MiB limit for one model version.`, { rule: 'too_large' });
  }
  if (files.length === 0) throw new ValidationError('No files were uploaded. Upload the model’s files.', { rule: 'no_files' });
  if (files.length > limits.maxFiles) throw new ValidationError(`${files.length} files were uploaded; at most ${limits.maxFiles} are allowed.`, { rule: 'too_many_files' });
  const seen = new Set<string>();
  for (const file of files) {
    const problem = plainFileNameProblem(file.name);
    if (problem) throw new ValidationError(`The uploaded file name ${JSON.stringify(file.name.slice(0, 80))} is not a plain file name: ${problem}.`, { rule: 'bad_file_name', file: file.name });
    if (seen.has(file.name)) throw new ValidationError(`"${file.name}" was uploaded more than once. Upload each file exactly once.`, { rule: 'duplicate_file', file: file.name });
    seen.add(file.name);
  }
  const described = files.map((f) => ({
    name: f.name,
    size: f.bytes.byteLength,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
    role: 'model' as const,
    contentType: 'application/octet-stream',
  }));
  return { format: 'opaque', files: described, contentDigest: contentDigestOf(described), totalBytes, info: { kind: 'opaque', detected: detectOpaque(files) } };
}

export function validateArtifactUpload(files: UploadedFile[], declared: DeclaredFormat = 'auto', limits: ArtifactLimits = DEFAULT_ARTIFACT_LIMITS): CheckedArtifact {
  const onnxLimits = { ...limits, ...DEFAULT_ONNX_LIMITS };
  if (declared === 'tfjs') return tfjs(files, limits);
  if (declared === 'onnx') return validateOnnxUpload(files, onnxLimits);
  if (declared === 'other') return opaque(files, limits);
  if (files.some((f) => f.name.toLowerCase().endsWith('.onnx'))) return validateOnnxUpload(files, onnxLimits);
  if (files.some((f) => f.name === MODEL_JSON)) return tfjs(files, limits);
  if (files.length === 0) return tfjs(files, limits); // the TF.js validator words the empty upload
  throw new ValidationError(
    'No model.json (TensorFlow.js) or .onnx file was uploaded. To register a model in another format (an MLflow folder, pickle or joblib, .keras/.h5, safetensors, any file), declare the format “other”: it is stored as is, never loaded, and not runnable in the browser.',
    { rule: 'unknown_format' },
  );
}
