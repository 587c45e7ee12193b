import type { ComponentProps } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@/lib/roles';

type CheckboxProps = Omit<ComponentProps<'input'>, 'type' | 'id'>;

/**
 * One checkbox per role, labelled with the role's name and described by what it is for.
 * The caller wires each box (controlled state or react-hook-form's register) through `inputProps`.
 */
export function RoleCheckboxes({ idPrefix, inputProps, legend = 'Roles' }: { idPrefix: string; inputProps: (role: Role) => CheckboxProps; legend?: string }) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {ROLES.map((role) => {
          const id = `${idPrefix}-${role}`;
          return (
            <div key={role} className="flex items-start gap-2.5 rounded-lg border border-border px-3 py-2.5 has-checked:border-primary/40 has-checked:bg-accent/40">
              <Checkbox id={id} aria-describedby={`${id}-description`} className="mt-0.5" {...inputProps(role)} />
              <div className="flex flex-col gap-0.5">
                <label htmlFor={id} className="cursor-pointer text-sm leading-5 font-medium">
                  {ROLE_LABELS[role]}
                </label>
                <p id={`${id}-description`} className="text-xs text-muted-foreground">
                  {ROLE_DESCRIPTIONS[role]}
                </p>
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
