// A person's initials in a circle, coloured by their name so the same person looks the same
// everywhere (activity entries, presence). Decorative: the name is always written next to it.
import { clsx } from 'clsx';

const TONES = ['bg-sky-600', 'bg-emerald-600', 'bg-violet-600', 'bg-amber-600', 'bg-rose-600', 'bg-teal-600', 'bg-indigo-600', 'bg-fuchsia-600'];

function initials(name: string): string {
  const parts = name.split(/\s+/).filter((p) => /\w/.test(p));
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('') || '?';
}

function tone(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return TONES[h % TONES.length] ?? 'bg-slate-600';
}

export function PersonAvatar({ name, size = 'md', className }: { name: string; size?: 'sm' | 'md'; className?: string }) {
  return (
    <span
      aria-hidden
      className={clsx(
        'inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ring-2 ring-background select-none',
        size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs',
        tone(name),
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}
