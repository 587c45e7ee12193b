// The footer of a form in a dialog: Cancel and the submit button, which names what is happening
// while the request is in flight.
import { Button } from './button';

export function FormActions({
  onCancel,
  pending,
  submitLabel,
  pendingLabel,
  submitDisabled = false,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  submitDisabled?: boolean;
}) {
  return (
    <div className="-mx-6 -mb-3 flex justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">
      <Button variant="outline" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending || submitDisabled}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </div>
  );
}
