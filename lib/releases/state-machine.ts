// The release request state machine. The server refuses any move not listed here, so no state is skipped.
import type { ReleaseState } from '@/lib/validation/releases';

const TRANSITIONS: Readonly<Record<ReleaseState, readonly ReleaseState[]>> = {
  draft: ['pending', 'withdrawn'],
  pending: ['approved', 'changes_requested', 'rejected', 'withdrawn', 'expired'],
  changes_requested: ['pending', 'withdrawn'],
  approved: ['released', 'withdrawn', 'superseded'],
  released: [],
  rejected: [],
  withdrawn: [],
  expired: [],
  superseded: [],
};

export function canTransition(from: ReleaseState, to: ReleaseState): boolean {
  return TRANSITIONS[from].includes(to);
}
