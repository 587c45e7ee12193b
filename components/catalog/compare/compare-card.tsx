// Model card sections that differ between the versions, side by side and highlighted; sections
// that read the same everywhere are only named.
import { clsx } from 'clsx';
import { Markdown } from '@/components/ui/markdown';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import type { CompareResult } from '../types';

export function CompareCard({ data }: { data: CompareResult }) {
  const sections = MODEL_CARD_FIELDS.map(([key, label]) => {
    const texts = data.versions.map((v) => (v.modelCard[key] ?? '').trim());
    return { key, label, texts, differs: new Set(texts).size > 1 };
  });
  const differing = sections.filter((s) => s.differs);
  const same = sections.filter((s) => !s.differs);
  const columns = { 2: 'md:grid-cols-2', 3: 'md:grid-cols-3', 4: 'md:grid-cols-2 xl:grid-cols-4' }[data.versions.length] ?? 'md:grid-cols-2';
  return (
    <section aria-labelledby="compare-card" className="flex flex-col gap-3">
      <h2 id="compare-card" className="text-lg font-semibold tracking-tight">
        Model card
      </h2>
      {differing.length === 0 ? <p className="text-sm text-muted-foreground">The model card is the same in every version.</p> : null}
      {differing.map((s) => (
        <div key={s.key} data-testid="card-diff" data-section={s.key} className="rounded-xl border border-warning/40 bg-warning/5 p-4">
          <h3 className="mb-3 flex items-center gap-2 text-sm font-semibold">
            {s.label}
            <span className="text-xs font-normal text-warning">differs</span>
          </h3>
          <div className={clsx('grid gap-3', columns)}>
            {s.texts.map((text, i) => {
              const v = data.versions[i];
              return (
                <div key={v?.version ?? i} className={clsx('min-w-0 rounded-lg border bg-card p-3', i > 0 && text !== s.texts[0] ? 'border-warning/50' : 'border-border')}>
                  <p className="mb-1.5 text-xs font-medium text-muted-foreground">v{v?.version}</p>
                  <Markdown empty="Not written.">{text}</Markdown>
                </div>
              );
            })}
          </div>
        </div>
      ))}
      {same.length > 0 && differing.length > 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="card-same">
          Same in every version: {same.map((s) => s.label).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
