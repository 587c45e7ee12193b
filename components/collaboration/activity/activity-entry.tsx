// One line of an activity feed: who, what (linked to its page), when, the reason given, and for
// admins and auditors a link to the audit event it was read from.
import { Bell, Box, FileCheck2, GitBranch, MessageSquare, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { formatDateTime } from '@/components/catalog/format';
import { PersonAvatar } from '../presence/person-avatar';
import type { ActivityItem } from './types';

const KINDS: Record<ActivityItem['kind'], { icon: LucideIcon; label: string }> = {
  model: { icon: Box, label: 'Model' },
  version: { icon: GitBranch, label: 'Version' },
  release: { icon: FileCheck2, label: 'Release' },
  alert: { icon: Bell, label: 'Alert' },
  comment: { icon: MessageSquare, label: 'Comment' },
};

export function ActivityEntry({ entry }: { entry: ActivityItem }) {
  const { icon: Icon, label } = KINDS[entry.kind];
  return (
    <li data-testid="activity-entry" data-action={entry.action} data-kind={entry.kind} data-seq={entry.seq} className="flex gap-3 py-3">
      <PersonAvatar name={entry.actorName} />
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="text-sm leading-5">
          {entry.href ? (
            <Link href={entry.href} className="hover:text-primary hover:underline" data-testid="activity-link">
              {entry.summary}
            </Link>
          ) : (
            entry.summary
          )}
        </p>
        {entry.detail ? <p className="line-clamp-2 text-xs text-muted-foreground">“{entry.detail}”</p> : null}
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
          <span className="inline-flex items-center gap-1">
            <Icon aria-hidden className="size-3.5" />
            {label}
          </span>
          <span aria-hidden>·</span>
          <time dateTime={new Date(entry.at).toISOString()} className="tabular-nums">
            {formatDateTime(entry.at)}
          </time>
          {entry.auditHref ? (
            <>
              <span aria-hidden>·</span>
              <Link href={entry.auditHref} className="hover:text-primary hover:underline" data-testid="activity-audit-link">
                Audit event #{entry.seq}
              </Link>
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}
