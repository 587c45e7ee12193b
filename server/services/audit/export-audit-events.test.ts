// An auditor re-checks a CSV export outside Modelgate: every row re-hashes from the columns the file
// carries (SHA-256 of canonical + prevHash, computed here with node:crypto, not the app's hash code),
// consecutive rows link, and the canonical text says the same as the row's other columns.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate } from '@/server/services/mutate';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { exportAuditEvents } from './export-audit-events';

type CsvRow = Record<string, string>;

describe('audit CSV export', () => {
  let t: TestDatabase;
  let rows: CsvRow[];
  beforeAll(async () => {
    t = await freshDatabase();
    const admin = await createUserWithSession(t.db, ['admin']);
    const ctx = contextFor(t.db, admin);
    // Values a spreadsheet would treat as formulas, quotes, commas and newlines, inside the hashed JSON.
    for (const note of ['=SUM(A1:A9)', '+1, "quoted"', 'line\nbreak', '@mention -x']) {
      await mutate(ctx, ({ audit }) => audit({ action: 'user.roles_changed', entityType: 'user', entityId: admin.id, before: { roles: [] }, after: { roles: ['admin'], note }, reason: note }));
    }
    const auditor = await createUserWithSession(t.db, ['auditor']);
    const file = await exportAuditEvents({ ctx: contextFor(t.db, auditor), input: { format: 'csv' } });
    rows = Papa.parse<CsvRow>(file.body, { header: true, skipEmptyLines: true }).data;
  });
  afterAll(async () => t.close());

  it('re-hashes every row and every link from the file alone', () => {
    expect(rows.length).toBeGreaterThanOrEqual(4);
    rows.forEach((row, i) => {
      const hash = createHash('sha256').update(`${row.canonical}${row.prevHash}`, 'utf8').digest('hex');
      expect(hash, `row ${row.seq}`).toBe(row.hash);
      const previous = rows[i - 1];
      if (previous && Number(previous.seq) === Number(row.seq) - 1) expect(row.prevHash).toBe(previous.hash);
    });
  });

  it('carries canonical text that says what the other columns say', () => {
    const row = rows.find((r) => r.reason === "'=SUM(A1:A9)");
    expect(row, 'the formula-looking reason is neutralised in its own cell').toBeDefined();
    const canonical = JSON.parse(row?.canonical ?? '{}') as Record<string, unknown>;
    expect(canonical.reason).toBe('=SUM(A1:A9)');
    expect(canonical.seq).toBe(Number(row?.seq));
    expect(canonical.action).toBe(row?.action);
    expect(canonical.occurredAt).toBe(row?.occurredAt);
    expect(canonical.after).toEqual({ roles: ['admin'], note: '=SUM(A1:A9)' });
  });

  it('detects an edited canonical text', () => {
    const row = rows[1] as CsvRow;
    const edited = (row.canonical ?? '').replace('"admin"', '"auditor"');
    expect(edited).not.toBe(row.canonical);
    expect(createHash('sha256').update(`${edited}${row.prevHash}`).digest('hex')).not.toBe(row.hash);
  });
});
