import type { ResultCell } from '../../lib/shared/labs/chart-shape.ts';

/** Rows shown in the table; the chart and the counts use the whole result. */
export const SHOWN_ROWS = 200;

interface ResultTableProps {
  columns: string[];
  rows: ResultCell[][];
  rowCount: number;
  isCountCapped: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

function formatCell(cell: ResultCell): string {
  if (typeof cell === 'number' && !Number.isInteger(cell))
    return String(Number(cell.toPrecision(10)));
  return String(cell);
}

/** The result of a query as a table: the first rows, with how many there are in all. */
export default function ResultTable({ columns, rows, rowCount, isCountCapped }: ResultTableProps) {
  const shown = rows.slice(0, SHOWN_ROWS);
  const total = isCountCapped ? `more than ${count(rowCount)}` : count(rowCount);
  const caption =
    rowCount > shown.length
      ? `First ${count(shown.length)} of ${total} rows`
      : `${total} ${rowCount === 1 ? 'row' : 'rows'}`;
  return (
    <div className="lab-table-scroll" role="region" aria-label="Query result" tabIndex={0}>
      <table className="lab-table" data-testid="lab-results">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={`${index}-${column}`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) =>
                cell === null ? (
                  <td key={index} className="null">
                    NULL
                  </td>
                ) : (
                  <td key={index} className={typeof cell === 'number' ? 'number' : undefined}>
                    {formatCell(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
