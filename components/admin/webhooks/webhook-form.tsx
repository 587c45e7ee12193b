'use client';
// The fields of a webhook (name, URL, event types), shared by the create and edit dialogs.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { FormActions } from '@/components/ui/form-actions';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { createWebhookSchema, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type CreateWebhookInput, type WebhookEventType } from '@/lib/validation/webhooks';

export type WebhookFields = { name: string; url: string; eventTypes: WebhookEventType[] };

export function WebhookForm({
  initial,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onCancel,
  onSubmit,
}: {
  initial: WebhookFields;
  error: string | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
  onSubmit: (values: WebhookFields) => void;
}) {
  const id = useId();
  const form = useForm<CreateWebhookInput>({ resolver: zodResolver(createWebhookSchema), defaultValues: { ...initial, enabled: true } });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => onSubmit({ name: values.name, url: values.url, eventTypes: values.eventTypes }));

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input id={`${id}-name`} autoComplete="off" aria-invalid={!!errors.name} aria-describedby={`${id}-name-error`} {...form.register('name')} />
        <FieldError id={`${id}-name-error`}>{errors.name?.message}</FieldError>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-url`}>URL</Label>
        <Input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://hooks.example.com/modelgate"
          aria-invalid={!!errors.url}
          aria-describedby={`${id}-url-hint ${id}-url-error`}
          {...form.register('url')}
        />
        <FieldHint id={`${id}-url-hint`}>Modelgate POSTs JSON here, signed with this webhook’s secret. Loopback, private and metadata addresses are refused unless private targets are allowed on this page.</FieldHint>
        <FieldError id={`${id}-url-error`}>{errors.url?.message}</FieldError>
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-types-error`}>
        <legend className="mb-2 text-sm font-medium">Events</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <div key={type} className="flex items-start gap-2.5 rounded-lg border border-border px-3 py-2.5 has-checked:border-primary/40 has-checked:bg-accent/40">
              <Checkbox id={`${id}-${type}`} value={type} aria-describedby={`${id}-${type}-label`} className="mt-0.5" {...form.register('eventTypes')} />
              <div className="flex flex-col gap-0.5">
                <label htmlFor={`${id}-${type}`} className="cursor-pointer font-mono text-xs leading-5 font-medium">
                  {type}
                </label>
                <p id={`${id}-${type}-label`} className="text-xs text-muted-foreground">
                  {WEBHOOK_EVENT_LABELS[type]}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError id={`${id}-types-error`}>{errors.eventTypes?.message ?? errors.eventTypes?.root?.message}</FieldError>
      </fieldset>
      <FormActions onCancel={onCancel} pending={pending} submitLabel={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
