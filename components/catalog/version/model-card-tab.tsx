'use client';
// The model card, section by section, with how complete it is and what is still missing.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { Progress } from '@/components/ui/progress';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { cardFieldLabel } from '../format';
import type { VersionDetail } from '../types';
import { ModelCardEditor } from './model-card-editor';

export function ModelCardTab({ v }: { v: VersionDetail }) {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const { filled, total, missing } = v.cardCompleteness;
  return (
    <div className="flex flex-col gap-5">
      <Card>
        <CardContent className="flex flex-col gap-3 pt-5">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm font-medium" data-testid="card-completeness" data-filled={filled} data-total={total}>
              {filled} of {total} sections
            </p>
            {can(me, 'version.update') ? (
              <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
                <Pencil aria-hidden />
                Edit model card
              </Button>
            ) : null}
          </div>
          <Progress value={(filled / total) * 100} label="Model card completeness" tone={filled === total ? 'success' : 'primary'} />
          {missing.length > 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="card-missing">
              Missing: {missing.map(cardFieldLabel).join(', ')}.
            </p>
          ) : (
            <p className="text-sm text-success">Every section is written.</p>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        {MODEL_CARD_FIELDS.map(([key, label]) => (
          <Card key={key} data-testid="card-section" data-section={key}>
            <CardHeader>
              <CardTitle className="text-sm">{label}</CardTitle>
            </CardHeader>
            <CardContent>
              <Markdown empty="Not written yet.">{v.modelCard[key]}</Markdown>
            </CardContent>
          </Card>
        ))}
      </div>
      {editing ? <ModelCardEditor v={v} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
