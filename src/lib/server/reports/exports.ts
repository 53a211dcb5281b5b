import {
  STATUS_NAMES,
  formatDate,
  type AssignmentStatus,
} from '../../shared/assignments/status.ts';
import type { AssignmentRow } from '../assignments/assignment.ts';
import type { ResolvedItem } from '../assignments/item-catalog.ts';
import { csvRecord, csvStream, csvText, type CsvValue } from './csv.ts';
import type { MatrixView } from './matrix-view.ts';
import type { MemberRecord } from './team-records.ts';
import type { WaiverNotes } from '../cmi5/waiver-notes.ts';
import { REPORTED_BY_CONTENT_LABEL } from '../completion/trust.ts';
import { toPercent } from '../../shared/score.ts';
import type { AdherenceRecord } from '../exercises/adherence.ts';

/** Each learner's latest COM-002 adherence assessment, by learner id. */
export type AdherenceLookup = ReadonlyMap<string, AdherenceRecord>;
const NO_ADHERENCE: AdherenceLookup = new Map();

/** The adherence columns of the matrix CSV for one learner. */
function adherenceFields(record: AdherenceRecord | undefined, timeZone: string): CsvValue[] {
  if (record === undefined) return ['Not assessed', null, null, null, null, null];
  return [
    record.isCurrent ? 'Current' : 'Expired',
    formatDate(record.assessedAt, timeZone),
    formatDate(record.validUntil, timeZone),
    record.score,
    record.breaches,
    record.exerciseId,
  ];
}

/** The team matrix and the audit evidence as CSV streams, from the same view the page shows. */

/** Who reported a completion: imported cmi5 content reports its own (cmi5's design), else Switchyard graded it. */
const REPORTED_BY_CONTENT = REPORTED_BY_CONTENT_LABEL;

const DEPARTMENT = { it: 'IT', ot: 'OT', other: 'Other' } as const;
const ITEM_TYPE = { course: 'Course', track: 'Track', scenario: 'Simulation' } as const;

const percent = (score: number | null): CsvValue => (score === null ? null : toPercent(score));

const learnerFields = (learner: MemberRecord): CsvValue[] => [
  csvText(learner.displayName),
  learner.email,
  DEPARTMENT[learner.department] ?? learner.department,
  csvText(learner.jobTitle),
];

const validUntil = (status: AssignmentStatus, timeZone: string): CsvValue =>
  status.validUntil === null ? null : formatDate(status.validUntil, timeZone);

/** One row per learner; per item its status, completion date, validity and score. */
export function matrixCsv(
  view: MatrixView,
  timeZone: string,
  adherence: AdherenceLookup = NO_ADHERENCE,
): ReadableStream<Uint8Array> {
  const header = ['Learner', 'Email', 'Department', 'Job title'];
  for (const item of view.items) {
    const title = csvText(
      item.isReportedByContent ? `${item.title} (${REPORTED_BY_CONTENT})` : item.title,
    );
    header.push(
      `${title}: status`,
      `${title}: completed on`,
      `${title}: valid until`,
      `${title}: score %`,
    );
  }
  // Status names, dates and whole numbers hold no comma, quote or line break: written as they are.
  // A status with its validity is shared by many cells, so its part of the line is made once.
  const statusParts = new Map<AssignmentStatus, [string, string]>();
  const partsOf = (status: AssignmentStatus) => {
    let parts = statusParts.get(status);
    if (!parts) {
      parts = [`,${STATUS_NAMES[status.code]},`, `,${validUntil(status, timeZone) ?? ''},`];
      statusParts.set(status, parts);
    }
    return parts;
  };
  function* records(): Generator<string> {
    for (const row of view.rows) {
      let line = csvRecord(learnerFields(row.learner)).slice(0, -2);
      for (const index of view.columns) {
        const status = row.statuses[index];
        if (!status) {
          line += ',Not assigned,,,';
          continue;
        }
        const [name, until] = partsOf(status);
        const completedAt = row.completedAt(index);
        const score = percent(row.score(index));
        line += name;
        if (completedAt !== null) line += formatDate(completedAt, timeZone);
        line += until;
        if (score !== null) line += score;
      }
      line += `,${csvRecord(adherenceFields(adherence.get(row.learner.id), timeZone)).slice(0, -2)}`;
      yield `${line}\r\n`;
    }
  }
  header.push(
    'COM-002 adherence: status',
    'COM-002 adherence: assessed on',
    'COM-002 adherence: valid until',
    'COM-002 adherence: score %',
    'COM-002 adherence: breaches',
    'COM-002 adherence: exercise id',
  );
  return csvStream(header, records());
}

const EVIDENCE_HEADER = [
  'Learner',
  'Email',
  'Department',
  'Job title',
  'Item',
  'Item type',
  'Item id',
  'Assignment',
  'Assigned to',
  'Assigned on',
  'Note',
  'Due date',
  'Recurrence (months)',
  'Status',
  'Completion date',
  'Completed at (UTC)',
  'Valid until',
  'Score %',
  'Certificate code',
  'Certificate issued on',
  'Statement ids',
  'Reported by',
  'Waivers',
];

/**
 * Audit evidence: one row per learner and assigned item, with the dated completion, the certificate
 * and the ids of the xAPI statements that prove it (space-separated).
 */
export function evidenceCsv(
  view: MatrixView,
  timeZone: string,
  waivers: WaiverNotes = () => null,
  adherence: AdherenceLookup = NO_ADHERENCE,
): ReadableStream<Uint8Array> {
  // The learner's fields and the item's and assignment's fields repeat across rows: each is
  // quoted once, then joined to the fields of the cell.
  const itemAndAssignment = view.items.map(() => new Map<AssignmentRow, string>());
  const itemPart = (position: number, item: ResolvedItem, assignment: AssignmentRow) => {
    const parts = itemAndAssignment[position]!;
    let part = parts.get(assignment);
    if (part === undefined) {
      part = csvRecord([
        csvText(item.title),
        ITEM_TYPE[item.type],
        item.id,
        assignment.id,
        assignment.teamId ? 'Whole team' : 'Individual',
        formatDate(assignment.createdAt, timeZone),
        csvText(assignment.note),
        assignment.dueDate,
        assignment.recurrenceMonths,
      ]).slice(0, -2);
      parts.set(assignment, part);
    }
    return part;
  };
  function* records(): Generator<string> {
    for (const row of view.rows) {
      const learner = csvRecord(learnerFields(row.learner)).slice(0, -2);
      for (const [position, index] of view.columns.entries()) {
        const cell = row.cells[index];
        const item = view.items[position];
        if (!cell || !item) continue;
        const statementIds = new Set(cell.statementIds);
        if (cell.certificateStatementId) statementIds.add(cell.certificateStatementId);
        const evidence = csvRecord([
          STATUS_NAMES[cell.status.code],
          cell.completedOn,
          cell.completedAt === null ? null : new Date(cell.completedAt).toISOString(),
          validUntil(cell.status, timeZone),
          percent(cell.score),
          cell.certificateCode,
          cell.certificateIssuedAt === null ? null : formatDate(cell.certificateIssuedAt, timeZone),
          [...statementIds].join(' '),
          item.isReportedByContent ? REPORTED_BY_CONTENT : 'Switchyard',
          item.isReportedByContent && item.type === 'course'
            ? csvText(waivers(row.learner.id, item.id) ?? '')
            : null,
        ]);
        yield `${learner},${itemPart(position, item, cell.assignment)},${evidence}`;
      }
      const assessed = adherence.get(row.learner.id);
      if (assessed !== undefined)
        yield `${learner},${csvRecord([
          'COM-002 protocol adherence (joint exercise)',
          'Joint exercise',
          assessed.exerciseId,
          null,
          null,
          null,
          null,
          null,
          12,
          assessed.isCurrent ? 'Current' : 'Expired',
          formatDate(assessed.assessedAt, timeZone),
          new Date(assessed.assessedAt).toISOString(),
          formatDate(assessed.validUntil, timeZone),
          assessed.score,
          null,
          null,
          null,
          'Switchyard',
          null,
        ])}`;
    }
  }
  return csvStream(EVIDENCE_HEADER, records());
}
