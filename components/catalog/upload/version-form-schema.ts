// The "New version" form's fields (strings, as people type them) and how they become the
// VersionMetadataInput the server validates again. Rules mirror lib/validation/catalog.ts and the
// server's cross-checks, so most mistakes show next to their field before anything is sent.
import { z } from 'zod';
import { MODEL_CARD_FIELDS, type ModelCardField, type TaskType, type VersionMetadataInput } from '@/lib/validation/catalog';

const optionalMatch = (re: RegExp, message: string) => z.string().trim().refine((v) => v === '' || re.test(v), message);

export function versionFormSchema(taskType: TaskType) {
  return z
    .object({
      description: z.string().max(20_000),
      target: z.string().trim().max(128),
      classLabels: z.string(),
      positiveClass: z.string().trim().max(256),
      metrics: z.array(
        z.object({
          name: z.string().trim().min(1, 'Name the metric.').max(64),
          value: z.string().trim().refine((v) => v !== '' && Number.isFinite(Number(v)), 'Enter a number, e.g. 0.87.'),
        }),
      ),
      lineage: z.object({
        datasetName: z.string().trim().max(256),
        datasetSha256: optionalMatch(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits.'),
        codeRepository: z.string().trim().max(512),
        commit: optionalMatch(/^[0-9a-f]{7,64}$/, 'A commit is 7 to 64 lowercase hex digits.'),
        parentVersion: optionalMatch(/^[1-9]\d*$/, 'A version number, e.g. 3.'),
        trainingRunUrl: optionalMatch(/^https?:\/\/\S+$/, 'A full http(s) URL.'),
      }),
      modelCard: z.record(z.string(), z.string().max(20_000)),
    })
    .superRefine((v, ctx) => {
      const labels = splitLabels(v.classLabels);
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if ((labels.length > 0 || v.positiveClass) && !v.target) issue(['target'], 'Name the target column the labels belong to.');
      if (v.target && taskType === 'binary_classification' && labels.length !== 2) issue(['classLabels'], 'A binary classifier lists exactly two class labels, e.g. “no, yes”.');
      if (v.target && taskType === 'multiclass_classification' && labels.length < 3) issue(['classLabels'], 'A multiclass classifier lists at least three class labels.');
      if (new Set(labels).size !== labels.length) issue(['classLabels'], 'Class labels must be distinct.');
      if (v.positiveClass && !labels.includes(v.positiveClass)) issue(['positiveClass'], 'The positive class must be one of the class labels.');
      const names = v.metrics.map((m) => m.name.trim());
      names.forEach((name, i) => names.indexOf(name) !== i && issue(['metrics', i, 'name'], 'This metric is already listed.'));
    });
}

export type VersionFormValues = z.input<ReturnType<typeof versionFormSchema>>;

export const emptyVersionForm = (): VersionFormValues => ({
  description: '',
  target: '',
  classLabels: '',
  positiveClass: '',
  metrics: [],
  lineage: { datasetName: '', datasetSha256: '', codeRepository: '', commit: '', parentVersion: '', trainingRunUrl: '' },
  modelCard: Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, ''])),
});

function splitLabels(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const orUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

export function toVersionMetadata(v: VersionFormValues, taskType: TaskType): VersionMetadataInput {
  const labels = splitLabels(v.classLabels);
  const l = v.lineage;
  const modelCard = Object.fromEntries(Object.entries(v.modelCard).filter(([, text]) => text.trim())) as Partial<Record<ModelCardField, string>>;
  return {
    description: v.description,
    outputSchema: v.target.trim()
      ? {
          target: v.target.trim(),
          ...(taskType !== 'regression' && labels.length ? { classLabels: labels } : {}),
          ...(taskType === 'binary_classification' && v.positiveClass.trim() ? { positiveClass: v.positiveClass.trim() } : {}),
        }
      : undefined,
    metrics: Object.fromEntries(v.metrics.map((m) => [m.name.trim(), Number(m.value)])),
    lineage: {
      trainingDataset: orUndefined(l.datasetName) || orUndefined(l.datasetSha256) ? { name: l.datasetName.trim(), sha256: orUndefined(l.datasetSha256) } : undefined,
      codeRepository: orUndefined(l.codeRepository),
      commit: orUndefined(l.commit),
      parentVersion: orUndefined(l.parentVersion) ? Number(l.parentVersion) : undefined,
      trainingRunUrl: orUndefined(l.trainingRunUrl),
    },
    modelCard,
  };
}

export type VersionFormOutput = z.output<ReturnType<typeof versionFormSchema>>;
