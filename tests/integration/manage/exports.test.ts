import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import {
  NewAssignmentSchema,
  createAssignment,
} from '../../../src/lib/server/assignments/assignment.ts';
import { readContent } from '../../../src/lib/content/content-files.ts';
import { itemCatalogOf } from '../../../src/lib/server/assignments/item-catalog.ts';
import { csvField, csvRecord, csvText } from '../../../src/lib/server/reports/csv.ts';
import { evidenceCsv, matrixCsv } from '../../../src/lib/server/reports/exports.ts';
import { viewMatrix } from '../../../src/lib/server/reports/matrix-view.ts';
import { loadTeamMatrix } from '../../../src/lib/server/reports/team-report.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { ORIGIN, completeCourse, insertPeople, insertTeam } from '../../helpers/manage.ts';

/** An RFC 4180 reader, written here so the export is checked against an independent parser. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let isQuoted = false;
  while (index < text.length) {
    const char = text[index]!;
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') isQuoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === '') isQuoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`bare ${JSON.stringify(char)} at ${index}: not RFC 4180`);
    } else field += char;
    index += 1;
  }
  if (isQuoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length) throw new Error('last record lacks its CRLF');
  return records;
}

/** Reads a stream whole, counting its chunks. */
async function readStream(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    bytes,
    chunks: chunks.length,
    text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
  };
}

const catalog = itemCatalogOf(readContent());
const CIP = 'cip-004-role-based-training';
const context = { origin: ORIGIN, now: Date.parse('2025-06-15T12:00:00Z'), timeZone: 'UTC' };
const NAMES = [
  "O'Brien, Siobhán",
  'Jürgen "JJ" Müller',
  '李小龍',
  'Zoë Ødegård\nSecond line',
  '=HYPERLINK("http://evil.example","click")',
];
let db: Database;
let cleanup: () => void;
let team: { id: string };
let certificate: { statementId: string; code: string };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  const [manager] = await insertPeople(db, [{ displayName: 'Mo Manager', role: 'manager' }]);
  const people = await insertPeople(
    db,
    NAMES.map((displayName) => ({ displayName, jobTitle: 'Relay technician, senior' })),
  );
  const crowd = await insertPeople(
    db,
    Array.from({ length: 600 }, (_, index) => ({ displayName: `Zz Learner ${index}` })),
  );
  team = await insertTeam(db, 'protection', [...people, ...crowd], [manager!]);
  const result = await createAssignment(
    db,
    manager!,
    team,
    NewAssignmentSchema.parse({
      requestId: crypto.randomUUID(),
      item: `course:${CIP}`,
      assignee: 'team',
      dueDate: '2025-09-30',
      recurrenceMonths: '15',
      note: 'Evidence for the "CIP-004 R2" audit, section 3',
    }),
    catalog,
  );
  if (!result.ok) throw new Error(result.message);
  certificate = await completeCourse(
    db,
    people[0]!,
    CIP,
    Date.parse('2025-05-20T14:30:00Z'),
    0.875,
  );
});

afterAll(() => cleanup?.());

describe('csv encoding', () => {
  test('quotes only what RFC 4180 requires and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
  });

  test('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('Ana')).toBe('Ana');
  });
});

describe('team CSV exports', () => {
  test('the matrix CSV survives a round trip through a CSV parser, names and all', async () => {
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, context);
    const { bytes, text, chunks } = await readStream(matrixCsv(viewMatrix(matrix, {}), 'UTC'));
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(chunks).toBeGreaterThan(1);
    const [header, ...records] = parseCsv(text);
    const title = catalog.courses.get(CIP)!.data.title;
    expect(header).toEqual([
      'Learner',
      'Email',
      'Department',
      'Job title',
      `${title}: status`,
      `${title}: completed on`,
      `${title}: valid until`,
      `${title}: score %`,
    ]);
    expect(records).toHaveLength(605);
    const byName = new Map(records.map((record) => [record[0], record]));
    for (const name of NAMES.slice(0, 4)) expect(byName.has(name)).toBe(true);
    expect(byName.has(`'${NAMES[4]}`)).toBe(true);
    expect(byName.get("O'Brien, Siobhán")?.slice(2)).toEqual([
      'OT',
      'Relay technician, senior',
      'Completed',
      '2025-05-20',
      '2026-08-20',
      '88',
    ]);
    expect(byName.get('李小龍')?.slice(4)).toEqual(['Not started', '', '', '']);
  });

  test('the evidence CSV carries dates, certificate code and statement ids per learner and item', async () => {
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, context, {
      withEvidence: true,
      withCertificates: true,
    });
    const { text } = await readStream(evidenceCsv(viewMatrix(matrix, {}), 'UTC'));
    const [header, ...records] = parseCsv(text);
    expect(records).toHaveLength(605);
    const row = Object.fromEntries(
      header!.map((name, index) => [
        name,
        records.find((r) => r[0] === "O'Brien, Siobhán")?.[index],
      ]),
    );
    expect(row).toMatchObject({
      Department: 'OT',
      Item: catalog.courses.get(CIP)!.data.title,
      'Item type': 'Course',
      'Item id': CIP,
      'Assigned to': 'Whole team',
      Note: 'Evidence for the "CIP-004 R2" audit, section 3',
      'Due date': '2025-09-30',
      'Recurrence (months)': '15',
      Status: 'Completed',
      'Completion date': '2025-05-20',
      'Completed at (UTC)': '2025-05-20T14:30:00.000Z',
      'Valid until': '2026-08-20',
      'Score %': '88',
      'Certificate code': certificate.code,
      'Certificate issued on': '2025-05-20',
      'Statement ids': certificate.statementId,
    });
    expect(records.find((r) => r[0] === 'Zoë Ødegård\nSecond line')?.[13]).toBe('Not started');
  });
});
