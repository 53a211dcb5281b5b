import type { QueryPosition } from '../../lib/shared/labs/sql-error.ts';

/** Where the server's check of the learner's answer stands. */
export type Verdict =
  | { kind: 'none' }
  | { kind: 'passed-before' }
  | { kind: 'checking' }
  | { kind: 'passed'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'refused'; reason: string; position: QueryPosition | null }
  | { kind: 'signed-out' };

interface LabVerdictProps {
  verdict: Verdict;
  loginUrl: string;
  onShowPosition: (position: QueryPosition) => void;
}

/** The server's verdict on the learner's answer, announced politely to screen readers. */
export default function LabVerdict({ verdict, loginUrl, onShowPosition }: LabVerdictProps) {
  const tone =
    verdict.kind === 'passed' || verdict.kind === 'passed-before'
      ? 'ok'
      : verdict.kind === 'failed' || verdict.kind === 'refused'
        ? 'error'
        : '';
  return (
    <div
      role="status"
      className={`lab-verdict ${tone}`}
      data-testid="lab-verdict"
      data-verdict={verdict.kind}
    >
      {verdict.kind === 'passed-before' && (
        <p>You have passed this lab. You can keep exploring the data.</p>
      )}
      {verdict.kind === 'checking' && <p>Checking your answer on the server…</p>}
      {verdict.kind === 'passed' && (
        <p>
          <strong>Passed.</strong> {verdict.reason} The lab is complete.
        </p>
      )}
      {verdict.kind === 'failed' && (
        <p>
          <strong>Not yet.</strong> {verdict.reason}
        </p>
      )}
      {verdict.kind === 'refused' && (
        <p>
          <strong>The answer could not be checked.</strong> {verdict.reason}
          {verdict.position && (
            <>
              {' '}
              (line {verdict.position.line}, column {verdict.position.column}){' '}
              <button
                type="button"
                className="linkish"
                onClick={() => onShowPosition(verdict.position!)}
              >
                Show it in the query
              </button>
            </>
          )}
        </p>
      )}
      {verdict.kind === 'signed-out' && (
        <p>
          Your session has ended. <a href={loginUrl}>Sign in again</a> to have your answer checked.
        </p>
      )}
    </div>
  );
}
