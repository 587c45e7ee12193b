import { z } from 'zod';
import { saveEvaluationSchema } from '@/lib/validation/evaluations';
import { listEvaluations } from '@/server/services/evaluations/list-evaluations';
import { saveEvaluation } from '@/server/services/evaluations/save-evaluation';
import { capabilityProcedure, createRouter } from '../init';

// Anyone signed in may evaluate a model and save the result as evidence.
export const evaluationsRouter = createRouter({
  list: capabilityProcedure('catalog.read').input(z.object({ modelId: z.string().uuid(), version: z.number().int().positive() })).query(({ ctx, input }) => listEvaluations({ ctx, input })),
  save: capabilityProcedure('evaluation.save').input(saveEvaluationSchema).mutation(({ ctx, input }) => saveEvaluation({ ctx, input })),
});
