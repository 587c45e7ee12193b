// (e) A new version of a model I watch: every active watcher but its author. Models and versions
// are visible to any signed-in person, so watching is the only filter.
import 'server-only';
import type { Writer } from '../../mutate';
import { notify } from '../notify';
import { activeWatchers } from './recipients';

export async function notifyVersionWatchers(w: Writer, model: { id: string; name: string }, version: { id: string; version: number }, author: { id: string; name: string }) {
  const watchers = await activeWatchers(w.tx, model.id, null, author.id);
  return notify(
    w,
    watchers.map((p) => ({
      userId: p.id,
      kind: 'version_created_watched' as const,
      title: `${author.name} registered v${version.version} of ${model.name}`,
      href: `/models/${model.id}/versions/${version.version}`,
      subjectType: 'version',
      subjectId: version.id,
      modelId: model.id,
      actorName: author.name,
    })),
  );
}
