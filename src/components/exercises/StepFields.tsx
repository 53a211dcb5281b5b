import { PROTOCOL } from '../../sim/exercise/protocol.ts';
import { OPERATIONS, type Operation } from '../../sim/schema/exercise.ts';

/** The structured content of an instruction as a form: operation, equipment, time. */
export interface StepDraft {
  operation: Operation;
  targets: string;
  time: string;
}

/** Operation, equipment and time fields, shared by instructions, repeat-backs and corrections. */
export function StepFields({
  idPrefix,
  draft,
  onChange,
}: {
  idPrefix: string;
  draft: StepDraft;
  onChange: (draft: StepDraft) => void;
}) {
  return (
    <>
      <label htmlFor={`${idPrefix}-operation`}>Operation</label>
      <select
        id={`${idPrefix}-operation`}
        value={draft.operation}
        onChange={(e) => onChange({ ...draft, operation: e.currentTarget.value as Operation })}
      >
        {OPERATIONS.map((op) => (
          <option key={op} value={op}>
            {PROTOCOL.operations[op].label}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-targets`}>Equipment (ids, separated by commas)</label>
      <input
        id={`${idPrefix}-targets`}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={draft.targets}
        onChange={(e) => onChange({ ...draft, targets: e.currentTarget.value })}
      />
      <label htmlFor={`${idPrefix}-time`}>Time (24-hour, HH:MM)</label>
      <input
        id={`${idPrefix}-time`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="14:05"
        maxLength={5}
        value={draft.time}
        onChange={(e) => onChange({ ...draft, time: e.currentTarget.value })}
      />
    </>
  );
}
