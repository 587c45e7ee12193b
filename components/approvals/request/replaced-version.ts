// Which version a request's candidate is measured against: the one it replaces. Shared by the page
// (which prefetches the comparison) and the comparison widget, so both ask for the same query.
import type { ReleaseDetail } from '../types';

export type Replaced =
  | { kind: 'first' }
  | { kind: 'same'; version: number }
  | { kind: 'version'; version: number; note: string | null };

export function replacedVersion(d: Pick<ReleaseDetail, 'request' | 'currentHolder'>): Replaced {
  const { request, currentHolder } = d;
  // Once released, the request itself records what held the alias just before it moved.
  if (request.state === 'released') {
    // A rollback review or re-review confirmed the version already there: it replaced nothing.
    if (request.kind !== 'release' && request.rollbackTargetVersion === null) return { kind: 'same', version: request.version };
    return request.rollbackTargetVersion === null ? { kind: 'first' } : { kind: 'version', version: request.rollbackTargetVersion, note: null };
  }
  const submitted = request.snapshot?.currentHolder?.version ?? null;
  if (!currentHolder) return { kind: 'first' };
  if (currentHolder.version === request.version) return { kind: 'same', version: request.version };
  const note =
    request.snapshot && submitted !== currentHolder.version
      ? `When the request was submitted, ${request.alias} held ${submitted === null ? 'no version' : `v${submitted}`}; it has moved since.`
      : null;
  return { kind: 'version', version: currentHolder.version, note };
}

/** The compare query's input for a request, or null when there is nothing to compare with. */
export function compareInput(d: Pick<ReleaseDetail, 'request' | 'currentHolder' | 'model'>) {
  const base = replacedVersion(d);
  return base.kind === 'version' ? { modelId: d.model.id, versions: [base.version, d.request.version] } : null;
}
