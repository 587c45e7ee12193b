// Small labels used across the catalog: risk tier, aliases (with a lock for protected ones) and tags.
import { Lock } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { RiskTier } from '@/lib/validation/catalog';
import { isProtectedAlias } from './types';

const RISK_VARIANT = { low: 'success', medium: 'warning', high: 'destructive' } as const;
const RISK_LABEL: Record<RiskTier, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' };

export function RiskTierBadge({ tier }: { tier: RiskTier }) {
  return (
    <Badge variant={RISK_VARIANT[tier]} data-testid="risk-tier" data-tier={tier}>
      {RISK_LABEL[tier]}
    </Badge>
  );
}

/** "production → v3"; `version` omitted when the badge already sits on its version. */
export function AliasBadge({ name, version }: { name: string; version?: number }) {
  const locked = isProtectedAlias(name);
  return (
    <Badge
      variant={locked ? 'primary' : 'outline'}
      data-testid="alias-badge"
      data-alias={name}
      title={locked ? 'Protected alias: moves only through an approved release request' : undefined}
    >
      {locked ? <Lock aria-hidden className="size-3" /> : null}
      {name}
      {version !== undefined ? ` → v${version}` : null}
      {locked ? <span className="sr-only"> (protected)</span> : null}
    </Badge>
  );
}

export function AliasBadges({ aliases }: { aliases: { name: string; version?: number }[] }) {
  if (aliases.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {aliases.map((a) => (
        <AliasBadge key={a.name} name={a.name} version={a.version} />
      ))}
    </span>
  );
}

/**
 * A model's tags. In a table a long tag is cut to its column with an ellipsis (the full text on hover),
 * never widening the page; with `wrap` (the model's own page) it wraps onto more lines, shown in full.
 */
export function TagList({ tags, max, wrap = false }: { tags: { key: string; value: string }[]; max?: number; wrap?: boolean }) {
  if (tags.length === 0) return <span className="text-muted-foreground">—</span>;
  const shown = max ? tags.slice(0, max) : tags;
  return (
    <ul className="flex min-w-0 flex-wrap gap-1" aria-label="Tags">
      {shown.map((t) => {
        const text = t.value ? `${t.key}:${t.value}` : t.key;
        return (
          <li key={t.key} className="min-w-0 max-w-full">
            {wrap ? (
              <span className="inline-block max-w-full rounded-md bg-muted px-2 py-0.5 font-mono text-xs leading-4 text-foreground/80 [overflow-wrap:anywhere]">{text}</span>
            ) : (
              <Badge variant="neutral" className="block max-w-full truncate font-mono font-normal" title={text}>
                {text}
              </Badge>
            )}
          </li>
        );
      })}
      {max && tags.length > max ? <li className="text-xs text-muted-foreground">+{tags.length - max} more</li> : null}
    </ul>
  );
}
