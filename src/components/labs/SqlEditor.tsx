import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { SQLite, sql } from '@codemirror/lang-sql';

/** A column offered by completion, with its type and meaning. */
export interface CompletionColumn {
  name: string;
  type: string;
  unit: string | null;
  meaning: string;
}

/** What the lab can do with the editor. */
export interface SqlEditorHandle {
  getQuery: () => string;
  setQuery: (query: string) => void;
  /** Selects part of the query and moves focus there, e.g. where an error is. */
  select: (from: number, to: number) => void;
}

interface SqlEditorProps {
  initialQuery: string;
  /** Tables and their columns, for completion. */
  tables: { name: string; description: string; columns: CompletionColumn[] }[];
  /** Called on Ctrl+Enter / Cmd+Enter. */
  onRun: () => void;
  labelId: string;
  describedById: string;
  ref: Ref<SqlEditorHandle>;
}

// The editor keeps light colours in both schemes so the syntax highlighting stays readable.
const theme = EditorView.theme({
  '&': {
    backgroundColor: '#ffffff',
    color: '#1c2321',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    fontSize: '0.95rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-content': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    minHeight: '9rem',
  },
  '.cm-gutters': { backgroundColor: '#eef1ea', color: '#4d5a55', borderRight: '1px solid #c9d1cb' },
  '.cm-activeLineGutter': { backgroundColor: '#dfe5dc' },
  '.cm-activeLine': { backgroundColor: '#f4f7f2' },
});

/** The SQL editor: CodeMirror with SQLite highlighting and completion of the lab's tables and columns. */
export default function SqlEditor({
  initialQuery,
  tables,
  onRun,
  labelId,
  describedById,
  ref,
}: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;

  useEffect(() => {
    if (!host.current) return;
    const schema = Object.fromEntries(
      tables.map((table) => [
        table.name,
        {
          self: { label: table.name, type: 'type', info: table.description },
          children: table.columns.map((column) => ({
            label: column.name,
            type: 'property',
            detail: column.unit ? `${column.type}, ${column.unit}` : column.type,
            info: column.meaning,
          })),
        },
      ]),
    );
    const defaultTable = tables[0]?.name;
    // CodeMirror styles a document through <style> elements, which the page's Content-Security-
    // Policy refuses; inside a shadow root it uses constructed style sheets, which it allows.
    const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const label = document.getElementById(labelId)?.textContent?.trim() ?? 'SQL query';
    const description = document.getElementById(describedById)?.textContent?.trim() ?? '';
    const editor = new EditorView({
      doc: initialQuery,
      parent: root,
      root,
      extensions: [
        // Before basicSetup, whose keymap binds Mod-Enter to "insert blank line".
        EditorView.domEventHandlers({
          keydown: (event) => {
            if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return false;
            event.preventDefault();
            runRef.current();
            return true;
          },
        }),
        basicSetup,
        // Wrapped lines and no height cap: the editor never scrolls inside the page.
        EditorView.lineWrapping,
        sql({
          dialect: SQLite,
          schema,
          upperCaseKeywords: true,
          ...(defaultTable ? { defaultTable } : {}),
        }),
        // Ids outside the shadow root cannot be referenced from inside it, so the label and the
        // description are carried as text.
        EditorView.contentAttributes.of({
          'aria-label': label,
          ...(description ? { 'aria-description': description } : {}),
          spellcheck: 'false',
        }),
        theme,
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes go through the handle.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    getQuery: () => view.current?.state.doc.toString() ?? '',
    setQuery: (query) => {
      const editor = view.current;
      if (!editor) return;
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: query } });
    },
    select: (from, to) => {
      const editor = view.current;
      if (!editor) return;
      const length = editor.state.doc.length;
      editor.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(Math.max(to, from), length) },
        scrollIntoView: true,
      });
      editor.focus();
    },
  }));

  return <div ref={host} className="lab-editor" data-testid="lab-editor" />;
}
