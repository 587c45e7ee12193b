// Activity feeds: the inputs of the model feed and the global feed, and the page size they share.
import { z } from 'zod';

export const ACTIVITY_PAGE_SIZE = 20;

const page = {
  /** The seq of the last entry already shown: the next page starts below it. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(ACTIVITY_PAGE_SIZE),
};

export const globalFeedSchema = z.object(page);
/** A model by id or by name, as the model page's address carries it. */
export const modelFeedSchema = z.object({ modelId: z.string().trim().min(1, { message: 'Which model? Give its id or name.' }).max(200), ...page });
