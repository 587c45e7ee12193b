// Reads the committed demo catalog (scripts/demo/output/, written by generate.ts) for seeding:
// per version the model files, the reference CSV and the registry metadata, checked against the
// same schemas the services use, so a stale or hand-edited manifest fails here, loudly.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  inputSchemaSchema,
  lineageSchema,
  metricsSchema,
  modelCardSchema,
  outputSchemaSchema,
  preprocessingSpecSchema,
  RISK_TIERS,
  tagsSchema,
  TASK_TYPES,
} from '@/lib/validation/catalog';

/** Resolved from the working directory (the repository root for npm scripts and the app), not the module URL, which bundlers rewrite. */
export const DEMO_OUTPUT_DIR = path.join(process.cwd(), 'scripts', 'demo', 'output');

// Names inside a version folder: plain file names only, never a path.
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name');

const manifestVersionSchema = z.object({
  version: z.number().int().positive(),
  description: z.string(),
  dir: z.string().regex(/^[a-z0-9-]+\/v\d+$/, 'a "<model-slug>/v<n>" folder'),
  files: z.array(fileName).min(1),
  /** File name of the reference CSV inside `dir`. */
  referenceDataset: fileName,
  /** The name the dataset is registered under. */
  referenceDatasetName: z.string().regex(/\.csv$/),
  inputSchema: inputSchemaSchema,
  outputSchema: outputSchemaSchema,
  preprocessing: preprocessingSpecSchema,
  metrics: metricsSchema,
  lineage: lineageSchema,
  modelCard: modelCardSchema,
});

const manifestModelSchema = z.object({
  name: z.string(),
  description: z.string(),
  ownerTeam: z.string(),
  taskType: z.enum(TASK_TYPES),
  riskTier: z.enum(RISK_TIERS),
  tags: tagsSchema,
  versions: z.array(manifestVersionSchema).min(1),
});

const manifestSchema = z.object({ models: z.array(manifestModelSchema) });

export type DemoManifestVersion = z.infer<typeof manifestVersionSchema>;
export type DemoManifestModel = z.infer<typeof manifestModelSchema>;
export type DemoManifest = z.infer<typeof manifestSchema>;

export type DemoFile = { name: string; bytes: Uint8Array };
export type DemoVersion = Omit<DemoManifestVersion, 'dir' | 'files' | 'referenceDataset'> & {
  files: DemoFile[];
  /** The reference CSV as bytes (what a dataset upload carries) and as text. */
  referenceDataset: Uint8Array;
  referenceCsv: string;
};
export type DemoModel = Omit<DemoManifestModel, 'versions'> & { versions: DemoVersion[] };

export async function loadDemoCatalog(dir: string = DEMO_OUTPUT_DIR): Promise<DemoModel[]> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch (error) {
    throw new Error(`The demo catalog is missing (${path.join(dir, 'manifest.json')}); run \`npm run demo:generate\`.`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`The demo manifest does not match the catalog schemas; regenerate it with \`npm run demo:generate\`: ${parsed.error.message}`);
  return Promise.all(
    parsed.data.models.map(async ({ versions, ...model }) => ({
      ...model,
      versions: await Promise.all(
        versions.map(async ({ dir: versionDir, files, referenceDataset, ...meta }) => {
          const folder = path.join(dir, versionDir);
          const bytes = new Uint8Array(await readFile(path.join(folder, referenceDataset)));
          return {
            ...meta,
            files: await Promise.all(files.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(folder, name))) }))),
            referenceDataset: bytes,
            referenceCsv: new TextDecoder().decode(bytes),
          };
        }),
      ),
    })),
  );
}
