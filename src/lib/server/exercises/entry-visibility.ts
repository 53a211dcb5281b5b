import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';

/** Who receives an entry: a participant in a role, or an instructor console. */
export interface EntryViewer {
  readonly role: ExerciseRole;
  readonly isConsole?: boolean;
}

/**
 * The entry as this viewer may see it. Instructor notes and other people's private messages keep
 * their place in the sequence (so every client replays the same numbers) but lose their text.
 */
export function entryFor(viewer: EntryViewer, entry: ExerciseEntry): ExerciseEntry {
  if (viewer.isConsole === true) return entry;
  const { command } = entry;
  if (command.kind === 'note')
    return { ...entry, command: { kind: 'note', text: '(instructor note)' } };
  if (command.kind === 'message' && command.to !== viewer.role)
    return { ...entry, command: { ...command, text: '(private message)' } };
  return entry;
}
