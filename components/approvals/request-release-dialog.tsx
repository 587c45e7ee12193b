'use client';
// "Request release" on a version page: a data scientist asks for the version to go to staging or
// production, says what changes, what to expect and how to roll back, and either submits it for
// approval at once or keeps a draft. Either way the request page opens next.
import { can } from '@/lib/permissions';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Rocket } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { serverMessage } from './actions/server-message';

const TEXTS = [
  ['changeSummary', 'Change summary', 'What is different in this version, and why release it now.'],
  ['expectedImpact', 'Expected impact', 'What users of the alias should notice: metrics, latency, behaviour.'],
  ['rollbackPlan', 'Rollback plan', 'How to go back if it misbehaves, and who does it.'],
] as const;

type Texts = Record<(typeof TEXTS)[number][0], string>;

export function RequestReleaseButton({ modelId, modelName, version }: { modelId: string; modelName: string; version: number }) {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [open, setOpen] = useState(false);
  if (!can(me, 'release.request')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Rocket aria-hidden /> Request release
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} size="lg" title={`Request release of ${modelName} v${version}`} description="Approvers see these texts next to the evidence: the comparison with the current version, evaluations and gates.">
        <RequestReleaseForm modelId={modelId} version={version} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function RequestReleaseForm({ modelId, version, onCancel }: { modelId: string; version: number; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [alias, setAlias] = useState<'staging' | 'production'>('staging');
  const [texts, setTexts] = useState<Texts>({ changeSummary: '', expectedImpact: '', rollbackPlan: '' });
  const [submit, setSubmit] = useState(true);
  const mutation = useMutation(
    trpc.releases.request.mutationOptions({
      onSuccess: async (request) => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() })]);
        router.push(`/approvals/${request.id}`);
      },
    }),
  );
  const incomplete = TEXTS.some(([k]) => !texts[k].trim());
  const busy = mutation.isPending || mutation.isSuccess;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Which button submitted the form decides between submitting and keeping a draft.
    const asDraft = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'draft';
    setSubmit(!asDraft);
    mutation.mutate({ modelId, version, alias, changeSummary: texts.changeSummary.trim(), expectedImpact: texts.expectedImpact.trim(), rollbackPlan: texts.rollbackPlan.trim(), submit: !asDraft });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Request release">
      {mutation.error ? <Alert variant="error">{serverMessage(mutation.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-alias`}>Alias</Label>
        <Select id={`${id}-alias`} value={alias} onChange={(e) => setAlias(e.currentTarget.value as typeof alias)} className="max-w-60">
          <option value="staging">staging</option>
          <option value="production">production</option>
        </Select>
      </div>
      {TEXTS.map(([key, label, hint]) => (
        <div key={key} className="flex flex-col gap-2">
          <Label htmlFor={`${id}-${key}`}>{label}</Label>
          <Textarea id={`${id}-${key}`} value={texts[key]} onChange={(e) => setTexts({ ...texts, [key]: e.currentTarget.value })} maxLength={4000} rows={3} required aria-describedby={`${id}-${key}-hint`} />
          <FieldHint id={`${id}-${key}-hint`}>{hint}</FieldHint>
        </div>
      ))}
      <div className="-mx-6 -mb-3 flex flex-wrap justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="outline" value="draft" disabled={busy || incomplete}>
          {busy && !submit ? 'Saving…' : 'Save draft'}
        </Button>
        <Button type="submit" value="submit" disabled={busy || incomplete}>
          {busy && submit ? 'Submitting…' : 'Submit for approval'}
        </Button>
      </div>
    </form>
  );
}
