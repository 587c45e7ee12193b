// Comments on a release request: part of its timeline and of the evidence export.
import 'server-only';
import { commentSchema } from '@/lib/validation/releases';
import { releaseComments } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';
import { findRequest, reference } from './request-state';

export async function addReleaseComment({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.comment');
  const data = parseInput(commentSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const { request } = await findRequest(tx, data.requestId);
    const [comment] = await tx.insert(releaseComments).values({ requestId: request.id, authorId: user.id, authorName: user.name, body: data.body }).returning();
    if (!comment) throw new Error('insert returned nothing');
    await audit({ action: 'release.commented', entityType: 'release_request', entityId: request.id, after: { reference: reference(request), commentId: comment.id, body: data.body } });
    publish(RELEASES_CHANGED(request.id));
    return comment;
  });
}
