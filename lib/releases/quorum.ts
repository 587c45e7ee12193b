// Counting approvals against a policy. A signer counts once however many roles they hold, so the
// count is a maximum matching of signers to the required role slots (slots are few: a plain
// augmenting-path search is exact and instant).
import type { Role } from '@/lib/roles';
import type { ApprovalRequirement } from '@/lib/validation/releases';

export type Signer = { id: string; roles: readonly Role[] };

export type Quorum = {
  satisfied: boolean;
  /** Per required role: how many slots are filled and by whom. */
  slots: { role: Role; required: number; filledBy: string[] }[];
  /** What is still missing, e.g. [{ role: 'risk_reviewer', count: 1 }]. */
  missing: ApprovalRequirement[];
};

export function countQuorum(requirements: readonly ApprovalRequirement[], signers: readonly Signer[]): Quorum {
  const slots = requirements.flatMap((r) => Array.from({ length: r.count }, () => r.role));
  const slotOwner: (number | null)[] = slots.map(() => null);
  const unique = [...new Map(signers.map((s) => [s.id, s])).values()];

  const tryAssign = (signer: number, seen: Set<number>): boolean => {
    // A free slot of one of the signer's roles first (the usual case: no path to search), then
    // augmenting paths through the slots others hold.
    const roles = unique[signer]?.roles ?? [];
    for (let slot = 0; slot < slots.length; slot++) {
      const role = slots[slot];
      if (role !== undefined && slotOwner[slot] === null && !seen.has(slot) && roles.includes(role)) {
        seen.add(slot);
        slotOwner[slot] = signer;
        return true;
      }
    }
    for (let slot = 0; slot < slots.length; slot++) {
      const role = slots[slot];
      if (role === undefined || seen.has(slot) || !unique[signer]?.roles.includes(role)) continue;
      seen.add(slot);
      const owner = slotOwner[slot];
      if (owner === null || owner === undefined || tryAssign(owner, seen)) {
        slotOwner[slot] = signer;
        return true;
      }
    }
    return false;
  };
  unique.forEach((_, i) => tryAssign(i, new Set()));

  const summary = requirements.map((r) => ({ role: r.role, required: r.count, filledBy: [] as string[] }));
  slotOwner.forEach((owner, slot) => {
    if (owner === null || owner === undefined) return;
    const entry = summary.find((s) => s.role === slots[slot]);
    const signer = unique[owner];
    if (entry && signer) entry.filledBy.push(signer.id);
  });
  const missing = summary.filter((s) => s.filledBy.length < s.required).map((s) => ({ role: s.role, count: s.required - s.filledBy.length }));
  return { satisfied: missing.length === 0, slots: summary, missing };
}

/** How many required slots are filled. */
export const filledSlots = (q: Quorum): number => q.slots.reduce((n, s) => n + s.filledBy.length, 0);

/** Whether one more signer would fill a slot that is still open (a signature that counts for nothing is refused). */
export function wouldCount(requirements: readonly ApprovalRequirement[], signers: readonly Signer[], next: Signer): boolean {
  const before = countQuorum(requirements, signers);
  const after = countQuorum(requirements, [...signers, next]);
  return filledSlots(after) > filledSlots(before);
}
