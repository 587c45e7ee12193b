// A confusion matrix as a real table (rows: true class, columns: predicted), shaded by row share.
import { clsx } from 'clsx';

export function ConfusionMatrix({ labels, counts, caption }: { labels: string[]; counts: number[][]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table data-testid="confusion-matrix" className="border-separate border-spacing-1 text-sm">
        <caption className="mb-2 text-left text-xs text-muted-foreground">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 text-left text-xs font-medium text-muted-foreground">
              True \ Predicted
            </th>
            {labels.map((l) => (
              <th key={l} scope="col" className="max-w-32 truncate px-2 text-xs font-medium" title={l}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={labels[i] ?? i}>
                <th scope="row" className="max-w-32 truncate px-2 text-left text-xs font-medium" title={labels[i]}>
                  {labels[i]}
                </th>
                {row.map((n, j) => {
                  const share = total ? n / total : 0;
                  return (
                    <td
                      key={j}
                      data-true={labels[i]}
                      data-predicted={labels[j]}
                      data-count={n}
                      className={clsx('min-w-20 rounded-md px-3 py-2 text-right font-mono tabular-nums', i === j ? 'text-foreground' : 'text-foreground/85')}
                      style={{ background: `color-mix(in oklab, var(${i === j ? '--primary' : '--destructive'}) ${Math.round(share * 45)}%, var(--muted))` }}
                    >
                      {n.toLocaleString('en')}
                      <span className="block text-[11px] text-muted-foreground">{total ? `${(share * 100).toFixed(1)}%` : '—'}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
