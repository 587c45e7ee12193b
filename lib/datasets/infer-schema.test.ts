import { describe, expect, it } from 'vitest';
import { inputSchemaSchema } from '@/lib/validation/catalog';
import { parseCsv } from './csv';
import { CREDIT_CSV } from './test-fixtures';
import { checkAgainstSchema, inferInputSchema } from './infer-schema';
import { profileDataset } from './profile';

const profile = profileDataset(parseCsv(CREDIT_CSV));

describe('inferInputSchema', () => {
  it('drafts a feature per column, leaving out the target and excluded columns', () => {
    const schema = inferInputSchema(profile, { target: 'defaulted', exclude: ['applicant_id'] });
    expect(schema.features).toEqual([
      { name: 'age', type: 'numeric', min: 29, max: 52, allowMissing: true },
      { name: 'income', type: 'numeric', min: 38_000, max: 61_000, allowMissing: true },
      { name: 'term_months', type: 'numeric', min: 36, max: 36, allowMissing: false },
      { name: 'employment', type: 'categorical', categories: ['salaried', 'retired', 'self-employed'], allowMissing: false },
      { name: 'purpose', type: 'categorical', categories: ['car', 'home, renovation', 'education'], allowMissing: false },
      { name: 'country', type: 'categorical', categories: ['DE'], allowMissing: false },
    ]);
    expect(() => inputSchemaSchema.parse(schema)).not.toThrow();
  });

  it('keeps a high-cardinality column categorical and says so', () => {
    const id = inferInputSchema(profile, { target: 'defaulted', maxCategories: 5 }).features.find((f) => f.name === 'applicant_id');
    expect(id?.type).toBe('categorical');
    expect(id?.categories).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
    expect(id?.description).toMatch(/^High cardinality: 6 distinct values/);
    expect(inferInputSchema(profile, {}).features.find((f) => f.name === 'applicant_id')?.description).toBeUndefined();
  });

  it('leaves out the (other) bucket of a truncated profile and notes the list is partial', () => {
    const truncated = profileDataset(parseCsv(CREDIT_CSV), { maxCategories: 3 });
    const id = inferInputSchema(truncated, {}).features.find((f) => f.name === 'applicant_id');
    expect(id?.categories).toEqual(['A001', 'A002', 'A003']);
    expect(id?.description).toBe('Lists the 3 most frequent of 6 values.');
  });

  it('still gives a valid feature for a column with no values', () => {
    const empty = profileDataset({ header: ['age', 'notes'], rows: [['30', ''], ['40', 'NA']] });
    const schema = inferInputSchema(empty, {});
    expect(schema.features[1]).toMatchObject({ name: 'notes', type: 'numeric', allowMissing: true });
    expect(schema.features[1]).not.toHaveProperty('min');
    expect(() => inputSchemaSchema.parse(schema)).not.toThrow();
  });

  it('ignores a target that is not a column (the caller reports it)', () => {
    expect(inferInputSchema(profile, { target: 'nope' }).features).toHaveLength(8);
  });
});

describe('checkAgainstSchema', () => {
  const schema = inferInputSchema(profile, { target: 'defaulted', exclude: ['applicant_id'] });

  it('passes the dataset the schema came from', () => {
    expect(checkAgainstSchema(parseCsv(CREDIT_CSV).header, schema, 'defaulted')).toEqual({ missing: [], unexpected: ['applicant_id'] });
  });

  it('lists needed columns that are absent and columns nobody asked for', () => {
    const header = ['age', 'income', 'defaulted', 'score', 'country'];
    expect(checkAgainstSchema(header, schema, 'defaulted')).toEqual({ missing: ['term_months', 'employment', 'purpose'], unexpected: ['score'] });
    expect(checkAgainstSchema(header, schema).unexpected).toEqual(['defaulted', 'score']);
  });
});
