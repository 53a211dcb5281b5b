import { z } from 'zod';

/** A primary source a lesson or course cites. */
export const ReferenceSchema = z.object({
  /** Full title of the standard, regulation or guide. */
  title: z.string().min(3),
  /** Who publishes it (IEEE, IEC, NERC, NIST, OSHA, CENELEC...). */
  publisher: z.string().min(2),
  /** Clause, section or requirement number, where it applies. */
  clause: z.string().min(1).optional(),
  /** Where to find it. */
  url: z.url().optional(),
});

export type Reference = z.output<typeof ReferenceSchema>;
