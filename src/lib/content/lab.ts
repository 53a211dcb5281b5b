import { z } from 'zod';

/** How the learner's result is compared with the reference query's. */
export const LabCheckSchema = z.object({
  /** The reference query, run on the server only. */
  reference: z.string().min(10),
  /** `ordered`: rows must come in the reference's order; `any`: order is ignored. */
  rowOrder: z.enum(['ordered', 'any']).default('any'),
  /** `strict`: same column names in the same order; `names`: same names, any order; `position`: names ignored. */
  columns: z.enum(['strict', 'names', 'position']).default('names'),
  /** Absolute tolerance for numeric cells. */
  tolerance: z.number().min(0).default(1e-6),
});

/** A data lab: the datasets it loads, the task, a starter query, hints and the check. */
export const LabSchema = z.object({
  /** Dataset names from content/datasets/. */
  datasets: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  /** What the learner must find out, in Markdown. */
  task: z.string().min(10),
  /** Query the editor starts with. */
  starter: z.string().default(''),
  /** Hints revealed one at a time. */
  hints: z.array(z.string().min(5)).default([]),
  check: LabCheckSchema,
});

export type Lab = z.output<typeof LabSchema>;
export type LabCheck = z.output<typeof LabCheckSchema>;
