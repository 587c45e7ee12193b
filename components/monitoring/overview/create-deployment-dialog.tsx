'use client';
// Ops and admins add a deployment: which model, the environment it serves (prod-eu), and the alias
// whose version it runs. Default alert rules come with it; the new deployment's page opens next.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

export function CreateDeploymentDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [modelId, setModelId] = useState('');
  const [environment, setEnvironment] = useState('');
  const [alias, setAlias] = useState('production');
  const [description, setDescription] = useState('');
  const models = useQuery({ ...trpc.catalog.list.queryOptions({ sort: 'name', direction: 'asc', pageSize: 100 }), enabled: open });
  const create = useMutation(
    trpc.monitoring.createDeployment.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.deployments.queryKey() });
        setOpen(false);
        router.push(`/monitoring/${created.id}`);
      },
    }),
  );
  const chosen = models.data?.items.find((m) => m.id === modelId);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ modelId, environment: environment.trim(), alias: alias.trim(), description: description.trim() });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden />
        New deployment
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!create.isPending}
        title="New deployment"
        description="A deployment is where a model serves predictions. Its events are attributed to the version its alias points at when each event happens."
        footer={
          <>
            <Button variant="outline" onClick={() => setOpen(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={`${id}-form`} disabled={create.isPending || !modelId || environment.trim().length < 2}>
              {create.isPending ? 'Creating…' : 'Create deployment'}
            </Button>
          </>
        }
      >
        <form id={`${id}-form`} onSubmit={submit} className="flex flex-col gap-4">
          {create.error ? <Alert variant="error">{serverMessage(create.error)}</Alert> : null}
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-model`}>Model</Label>
            <Select id={`${id}-model`} value={modelId} onChange={(e) => setModelId(e.currentTarget.value)} data-autofocus required>
              <option value="">{models.isPending ? 'Loading models…' : 'Choose a model'}</option>
              {models.data?.items.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-env`}>Environment</Label>
              <Input id={`${id}-env`} value={environment} onChange={(e) => setEnvironment(e.currentTarget.value)} placeholder="prod-eu" autoComplete="off" maxLength={64} required />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-alias`}>Alias served</Label>
              <Input id={`${id}-alias`} value={alias} onChange={(e) => setAlias(e.currentTarget.value)} autoComplete="off" maxLength={64} list={`${id}-aliases`} required />
              <datalist id={`${id}-aliases`}>
                <option value="production" />
                <option value="staging" />
              </datalist>
            </div>
          </div>
          {chosen ? (
            <p className="text-xs text-muted-foreground">
              {chosen.aliases.find((a) => a.name === alias.trim()) ? `“${alias.trim()}” points at v${chosen.aliases.find((a) => a.name === alias.trim())?.version} now.` : `No version of ${chosen.name} holds “${alias.trim()}” yet: events will need a model_version until one does.`}
            </p>
          ) : null}
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-description`}>Description (optional)</Label>
            <Input id={`${id}-description`} value={description} onChange={(e) => setDescription(e.currentTarget.value)} placeholder="EU scoring service, 3 pods" maxLength={2000} />
          </div>
        </form>
      </Dialog>
    </>
  );
}
