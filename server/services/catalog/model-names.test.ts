// Model names that look the same are one name: invisible characters are refused, case is folded
// fully, and look-alikes (Unicode TS #39 skeletons) of an existing model are refused, also when
// registered at the same moment. Cases are written by hand from the Unicode data, not derived.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, registeredModels } from '@/server/db/schema';
import { ConflictError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import type { SessionUser } from '../context';
import { refreshModelNameKeys } from '@/server/db/model-name-keys';
import { getModel } from './get-model';
import { registerModel } from './register-model';

let t: TestDatabase;
let scientist: SessionUser;
beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
});
afterAll(async () => t.close());

const register = (name: string) => registerModel({ ctx: contextFor(t.db, scientist), input: { name, ownerTeam: 'Botany', taskType: 'multiclass_classification', riskTier: 'low' } });
const rows = async () => (await t.db.select({ n: count() }).from(registeredModels))[0]?.n ?? 0;
const audits = async () => (await t.db.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;

describe('model names', () => {
  it('refuses invisible and filler characters anywhere in a name, changing nothing', async () => {
    await register('Iris species');
    const before = { rows: await rows(), audits: await audits() };
    const invisible = [
      'Iris species\u1160', // HANGUL JUNGSEONG FILLER after the name
      '\u115FIris species', // HANGUL CHOSEONG FILLER before it
      'Iris\uFFA0species', // HALFWIDTH HANGUL FILLER (NFKC makes it U+1160)
      'Iris\u3164species', // HANGUL FILLER
      'Iris species\u200B', // ZERO WIDTH SPACE
      'Iris\u200Dspecies', // ZERO WIDTH JOINER
      'Iris\u00ADspecies', // SOFT HYPHEN
      'Iris\u2060species', // WORD JOINER
      'Iris\uFEFFspecies', // ZERO WIDTH NO-BREAK SPACE
      'Iris\u180Especies', // MONGOLIAN VOWEL SEPARATOR
      'Iris species\uFE0F', // VARIATION SELECTOR-16
      'Iris species\u{E0001}', // LANGUAGE TAG
      'Iris\u2064species', // INVISIBLE PLUS
    ];
    for (const name of invisible) {
      const err = await register(name).catch((e: unknown) => e);
      expect(err, JSON.stringify(name)).toBeInstanceOf(ValidationError);
      expect((err as Error).message, JSON.stringify(name)).toMatch(/invisible characters \(U\+[0-9A-F]{4,5}\)|Use letters, digits/);
    }
    expect({ rows: await rows(), audits: await audits() }).toEqual(before);
  });

  it('folds case fully: final sigma, sharp s and other special foldings name one model', async () => {
    await register('ΟΔΟΣ');
    await expect(register('οδοσ')).rejects.toThrow(/A model named “ΟΔΟΣ” already exists/);
    await expect(register('οδος')).rejects.toThrow(ConflictError);
    await register('Straße Preise');
    await expect(register('STRASSE PREISE')).rejects.toThrow(/A model named “Straße Preise” already exists/);
    await expect(register('strasse preise')).rejects.toThrow(ConflictError);
    await register('Kelvin 5');
    await expect(register('\u212Aelvin 5')).rejects.toThrow(ConflictError); // KELVIN SIGN
  });

  it('refuses a word that mixes alphabets, such as a Cyrillic а among Latin letters', async () => {
    await register('Iris setosa');
    await expect(register('Iris setos\u0430')).rejects.toThrow(/“setosа” mixes Latin and Cyrillic letters/);
    await expect(register('\u0421hurn risk')).rejects.toThrow(/“Сhurn” mixes Cyrillic and Latin letters/); // CYRILLIC CAPITAL ES
    await expect(register('\u0399ris virginica')).rejects.toThrow(/“Ιris” mixes Greek and Latin letters/); // GREEK CAPITAL IOTA
    expect(await t.db.select().from(registeredModels).where(eq(registeredModels.name, 'Iris setos\u0430'))).toHaveLength(0);
  });

  it('refuses a name that looks like an existing one (same confusable skeleton)', async () => {
    await register('Modern churn');
    await expect(register('Modem churn')).rejects.toThrow(/“Modem churn” looks the same as the existing model “Modern churn”/); // m = r + n
    await register('paypal risk');
    await expect(register('\u0440\u0430\u0443\u0440\u0430l risk')).rejects.toThrow(/mixes/); // Cyrillic р а у р а + Latin l
    await register('\u0440\u0430\u0443 score'); // Cyrillic "рау", one alphabet per word
    await expect(register('pay score')).rejects.toThrow(/looks the same as the existing model “рау score”/);
    await register('Model 0');
    await expect(register('Model O')).rejects.toThrow(ConflictError); // digit zero and letter O
    await register('Credit l1');
    await expect(register('Credit ll')).rejects.toThrow(ConflictError); // digit one and letter l
  });

  it('accepts names that only differ in ways a reader sees', async () => {
    for (const name of ['Iris versicolor', 'Iris virginica', 'Cafe ranking', 'Café ranking', 'Model 1', 'Model 2', 'Αλφα', 'Alpha', 'Ранжир', 'Churn v2', 'Churn v3', '顧客 离脱', 'チャーン'])
      await expect(register(name), name).resolves.toMatchObject({ name });
  });

  it('lets the database refuse look-alikes registered at the same moment', async () => {
    const results = await Promise.allSettled(['Rain forecast', 'RAIN FORECAST', 'rain  forecast'].map((n) => register(n)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const concurrentLookalikes = await Promise.allSettled(['Wind modem', 'Wind modern'].map((n) => register(n)));
    expect(concurrentLookalikes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('gives models registered before full folding and skeletons their current keys (at migration), so lookups and look-alike checks see them', async () => {
    await register('Legacy model');
    await register('Straße risk');
    // As rows written by an older Modelgate: no skeleton, a key folded with toLowerCase (ß kept).
    await t.db.update(registeredModels).set({ nameSkeleton: null }).where(eq(registeredModels.name, 'Legacy model'));
    await t.db.update(registeredModels).set({ nameKey: 'straße risk', nameSkeleton: null }).where(eq(registeredModels.name, 'Straße risk'));
    const refreshed = await refreshModelNameKeys(t.db);
    expect(refreshed).toEqual({ updated: 2, clashes: [] });
    await expect(register('Legacy rnodel')).rejects.toThrow(/looks the same as the existing model “Legacy model”/);
    await expect(register('STRASSE RISK')).rejects.toThrow(/A model named “Straße risk” already exists/);
    expect((await getModel({ ctx: contextFor(t.db, scientist), input: { modelId: 'strasse risk' } })).model.name).toBe('Straße risk');
    // Nothing left to do the second time.
    expect(await refreshModelNameKeys(t.db)).toEqual({ updated: 0, clashes: [] });
  });

  it('leaves a model whose new key an older one holds on its old key, and names it', async () => {
    await register('Gross margin');
    await register('Groß margin x');
    // An older Modelgate let both in: its key for the second one kept the ß.
    await t.db.update(registeredModels).set({ name: 'Groß margin', nameKey: 'groß margin', nameSkeleton: null }).where(eq(registeredModels.name, 'Groß margin x'));
    const refreshed = await refreshModelNameKeys(t.db);
    expect(refreshed.clashes).toEqual(['Groß margin']);
    const [kept] = await t.db.select().from(registeredModels).where(eq(registeredModels.name, 'Groß margin'));
    expect(kept?.nameKey).toBe('groß margin');
  });
});
