import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueryPosition } from '../../lib/shared/labs/sql-error.ts';
import type { LocalResult } from '../../client/labs/sql-protocol.ts';
import { SqlRunner } from '../../client/labs/sql-runner.ts';
import SqlEditor, { type CompletionColumn, type SqlEditorHandle } from './SqlEditor.tsx';
import ResultTable from './ResultTable.tsx';
import ResultChart from './ResultChart.tsx';
import LabHints from './LabHints.tsx';
import LabVerdict, { type Verdict } from './LabVerdict.tsx';

/** What the lesson page gives the lab island (never the reference query). */
export interface LabWorkbenchProps {
  /** The grading endpoint, /api/labs/<course>/<lesson>. */
  checkUrl: string;
  /** The lab's data as one SQLite file. */
  datasetUrl: string;
  tables: { name: string; description: string; columns: CompletionColumn[] }[];
  starter: string;
  /** The learner's last checked query, or the starter. */
  initialQuery: string;
  hints: string[];
  isSignedIn: boolean;
  isPassed: boolean;
  loginUrl: string;
}

type RunState =
  | { kind: 'loading' }
  | { kind: 'idle'; note: string }
  | { kind: 'running' }
  | { kind: 'done'; result: LocalResult }
  | { kind: 'error'; message: string; position: QueryPosition | null };

const count = (n: number) => n.toLocaleString('en-US');

/** The data lab: SQL editor, local SQLite run, results table and chart, hints and the server check. */
export default function LabWorkbench(props: LabWorkbenchProps) {
  const editor = useRef<SqlEditorHandle>(null);
  const runner = useMemo(() => new SqlRunner(props.datasetUrl), [props.datasetUrl]);
  const [run, setRun] = useState<RunState>({ kind: 'loading' });
  const [verdict, setVerdict] = useState<Verdict>(
    props.isPassed ? { kind: 'passed-before' } : { kind: 'none' },
  );
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  useEffect(() => {
    let isCurrent = true;
    runner.open().then((error) => {
      if (!isCurrent) return;
      setRun(
        error
          ? { kind: 'error', message: error, position: null }
          : { kind: 'idle', note: 'The data is loaded. Run the query to see its result.' },
      );
    });
    return () => {
      isCurrent = false;
      runner.dispose();
    };
  }, [runner]);

  const runQuery = useCallback(async () => {
    const query = editor.current?.getQuery() ?? '';
    setRun({ kind: 'running' });
    const outcome = await runner.run(query);
    setRun(
      outcome.ok
        ? { kind: 'done', result: outcome.result }
        : { kind: 'error', message: outcome.message, position: outcome.position },
    );
  }, [runner]);

  const checkAnswer = useCallback(async () => {
    const query = editor.current?.getQuery() ?? '';
    setVerdict({ kind: 'checking' });
    void runQuery();
    try {
      const response = await fetch(props.checkUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query }),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({}))) as {
        passed?: boolean;
        reason?: string;
        error?: string;
        position?: QueryPosition;
      };
      if (response.ok && typeof body.passed === 'boolean') {
        setVerdict({ kind: body.passed ? 'passed' : 'failed', reason: body.reason ?? '' });
      } else if (response.status === 401) {
        setVerdict({ kind: 'signed-out' });
      } else {
        setVerdict({
          kind: 'refused',
          reason: body.error ?? `The check did not answer (HTTP ${response.status}).`,
          position: body.position ?? null,
        });
      }
    } catch {
      setVerdict({
        kind: 'refused',
        reason: 'The server could not be reached. Try again.',
        position: null,
      });
    }
  }, [props.checkUrl, runQuery]);

  const showPosition = (position: QueryPosition) =>
    editor.current?.select(position.offset, position.offset + 1);
  const isBusy = run.kind === 'loading' || run.kind === 'running';

  return (
    <div className="lab-workbench" data-testid="lab-workbench">
      <h3 id="lab-editor-label">Your query</h3>
      <p id="lab-editor-help" className="muted">
        SQLite, running on this computer. {isMac ? 'Cmd' : 'Ctrl'}+Enter runs the query; Tab leaves
        the editor; Ctrl+Space suggests tables and columns.
      </p>
      <SqlEditor
        ref={editor}
        initialQuery={props.initialQuery}
        tables={props.tables}
        onRun={() => void runQuery()}
        labelId="lab-editor-label"
        describedById="lab-editor-help"
      />
      <div className="lab-actions">
        <button
          type="button"
          onClick={() => void runQuery()}
          disabled={isBusy}
          data-testid="lab-run"
        >
          Run query
        </button>
        {props.isSignedIn ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void checkAnswer()}
            disabled={verdict.kind === 'checking'}
            data-testid="lab-check"
          >
            Check my answer
          </button>
        ) : (
          <a className="button secondary" href={props.loginUrl}>
            Sign in to check your answer
          </a>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => editor.current?.setQuery(props.starter)}
        >
          Start over
        </button>
      </div>
      <LabVerdict verdict={verdict} loginUrl={props.loginUrl} onShowPosition={showPosition} />
      <div role="status" className="lab-run-status" data-testid="lab-status">
        {run.kind === 'loading' && 'Loading the lab data…'}
        {run.kind === 'running' && 'Running…'}
        {run.kind === 'idle' && run.note}
        {run.kind === 'done' &&
          `${run.result.isCountCapped ? 'More than ' : ''}${count(run.result.rowCount)} ${
            run.result.rowCount === 1 ? 'row' : 'rows'
          } in ${Math.max(1, Math.round(run.result.ms))} ms, computed in your browser.`}
      </div>
      {run.kind === 'error' && (
        <div className="notice error" role="alert" data-testid="lab-error">
          <p>{run.message}</p>
          {run.position && (
            <p>
              At line {run.position.line}, column {run.position.column}.{' '}
              <button type="button" className="linkish" onClick={() => showPosition(run.position!)}>
                Show it in the query
              </button>
            </p>
          )}
        </div>
      )}
      {run.kind === 'done' && (
        <>
          <ResultChart columns={run.result.columns} rows={run.result.rows} />
          <ResultTable
            columns={run.result.columns}
            rows={run.result.rows}
            rowCount={run.result.rowCount}
            isCountCapped={run.result.isCountCapped}
          />
        </>
      )}
      <LabHints hints={props.hints} />
    </div>
  );
}
