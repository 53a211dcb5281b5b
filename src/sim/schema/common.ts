import { z } from 'zod';

/** Identifier of a device, node, interlock or step: letters, digits and hyphens (e.g. `52-T1L`). */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'use letters, digits and hyphens (e.g. 52-T1L)');

/** Identifier of a substation or scenario file: lowercase letters, digits and hyphens. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens');

/** Position of a switching device (breaker, disconnector, earthing switch). */
export const SwitchPositionSchema = z.enum(['open', 'closed']);
export type SwitchPosition = z.output<typeof SwitchPositionSchema>;

/** Where a thing stands in the 3D yard: metres, y up, ground at y = 0, origin near the yard centre. */
export const PlacementSchema = z.object({
  /** East-west position in metres (positive east). */
  x: z.number().min(-60).max(60),
  /** Height above ground in metres. */
  y: z.number().min(0).max(40),
  /** North-south position in metres (positive south, towards the 13.8 kV side). */
  z: z.number().min(-60).max(60),
  /** Rotation about the vertical axis, in degrees. */
  rotation: z.number().min(-360).max(360).default(0),
  /** Length in metres along the rotated x axis, for long things such as busbars. */
  length: z.number().positive().max(100).optional(),
});
export type Placement = z.output<typeof PlacementSchema>;

/** Where a thing is drawn on the single-line diagram: diagram units, y down. */
export const SldPointSchema = z.object({
  /** Horizontal diagram coordinate. */
  x: z.number().min(0).max(2000),
  /** Vertical diagram coordinate (down is positive). */
  y: z.number().min(0).max(2000),
  /** Rotation of the symbol in degrees (0: drawn vertically, 90: horizontally). */
  rotation: z.number().min(-360).max(360).default(0),
  /** Drawn width, for buses drawn as horizontal bars. */
  width: z.number().positive().max(2000).optional(),
});
export type SldPoint = z.output<typeof SldPointSchema>;

/** A site-relative link to a lesson or course page. */
export const LessonLinkSchema = z
  .string()
  .regex(/^\/courses\/[a-z0-9-]+(\/[a-z0-9-]+)?$/, 'link to /courses/<course>/<lesson>');
