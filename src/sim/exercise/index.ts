// Joint exercises: the three-part communication protocol and the shared log, pure like the engine.
export { PROTOCOL } from './protocol.ts';
export type { FindingCode, FindingRule, OperationRule, TargetKind } from './protocol.ts';
export {
  ExerciseCommandSchema,
  ServerCommandSchema,
  InstructorCommandSchema,
  ExerciseEntrySchema,
} from './commands.ts';
export type {
  ExerciseCommand,
  ServerCommand,
  InstructorCommand,
  ExerciseEntry,
} from './commands.ts';
export { createExerciseState, ROLE_LABELS, INSTRUCTOR_KINDS } from './state.ts';
export type {
  ExerciseState,
  InstructionRecord,
  InstructionStatus,
  ExerciseFinding,
  TimelineItem,
  SpokenStep,
  ExerciseSimEvent,
  AppliedInject,
  InstructorText,
} from './state.ts';
export { applyEntry, compareRepeatBack, describeStep, describeAction } from './apply.ts';
export {
  commandRefusalReason,
  actionRefusalReason,
  invalidTargetsReason,
  instructorRefusalReason,
  isInstructorCommand,
} from './validate.ts';
export { scoreExercise, closingFindings } from './scoring.ts';
export type { ExerciseScore, ParticipantScore, ScoredFinding } from './scoring.ts';
export { replayExercise, replayMoments, appendEntry } from './replay.ts';
export type { ExerciseMoments, ExerciseReplay } from './replay.ts';
export {
  EXERCISE_ROLES,
  WORKING_ROLES,
  OPERATIONS,
  ExerciseRoleSchema,
  ExerciseSetupSchema,
  OperationSchema,
} from '../schema/exercise.ts';
export type { ExerciseRole, Operation, ExerciseSetup, OrderStep } from '../schema/exercise.ts';
