// Page titles for model pages: the model's name, read through the request's query cache, so the
// page's own prefetch reuses the same result. A missing model falls back to a plain title; the
// page itself then shows the error.
import 'server-only';
import { getQueryClient, trpc } from '@/server/trpc/rsc';
import { modelParam } from './model-param';

export async function modelTitle(modelId: string, suffix?: string): Promise<string> {
  try {
    const { model } = await getQueryClient().fetchQuery(trpc.catalog.model.queryOptions({ modelId: modelParam(modelId) }));
    return suffix ? `${model.name} ${suffix}` : model.name;
  } catch {
    return suffix ? `Model ${suffix}` : 'Model';
  }
}
