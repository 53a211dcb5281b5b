import { afterAll, describe, expect, test } from 'vitest';
import { readCourse } from '../../helpers/content.ts';
import { LabCheckSchema } from '../../../src/lib/content/lab.ts';
import {
  closeLabGrading,
  gradeLabQuery,
  referenceResult,
} from '../../../src/lib/server/labs/grade.ts';

// The labs of the OT network monitoring course, graded on the committed ot-capture data: each
// reference answer must surface the events planted in the capture (content/datasets/README.md),
// keep the legitimate look-alikes apart, and a plausible mistake must fail.
const COURSE = 'ot-network-monitoring';
const ROGUE = '10.20.1.77';
const lessons = readCourse(COURSE).lessons;

function labOf(slug: string) {
  const lab = lessons.find((lesson) => lesson.slug === slug)?.data.lab;
  if (!lab) throw new Error(`${COURSE}/${slug} has no lab`);
  return { datasets: lab.datasets as string[], check: LabCheckSchema.parse(lab.check) };
}

async function rowsOf(slug: string): Promise<Record<string, unknown>[]> {
  const { datasets, check } = labOf(slug);
  const result = await referenceResult(datasets, check.reference);
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((name, i) => [name, row[i]])),
  );
}

afterAll(() => closeLabGrading());

describe('OT network monitoring labs find what was planted', () => {
  test('the course has five labs and requires the rogue-device simulation', () => {
    expect(lessons.filter((lesson) => lesson.data.kind === 'lab')).toHaveLength(5);
    expect(readCourse(COURSE).data.scenarios).toContain('rogue-device');
  });

  test('services: the only connections with no service are the rogue device’s refused attempts', async () => {
    const rows = await rowsOf('reading-ot-protocol-logs');
    const none = rows.find((row) => row.service === null);
    expect(none).toMatchObject({ connections: 72, originators: 1, responders: 9 });
    expect(rows.find((row) => row.service === 'dnp3')?.originators).toBe(3);
  });

  test('baseline: the new flows are the rogue device’s and the workstation’s Modbus session', async () => {
    const rows = await rowsOf('baselining-who-talks-to-whom');
    expect(rows[0]).toMatchObject({
      orig_h: '10.20.1.15',
      resp_h: '10.20.1.41',
      resp_p: 502,
      orig_registered: 1,
    });
    const rogue = rows.filter((row) => row.orig_h === ROGUE);
    expect(rogue).toHaveLength(rows.length - 1);
    expect(rogue.every((row) => row.orig_registered === 0)).toBe(true);
    expect(rogue.filter((row) => row.resp_p === 102)).toHaveLength(9);
    expect(rogue.some((row) => row.resp_h === '8.8.8.8' && row.resp_p === 53)).toBe(true);
    expect(rogue.some((row) => row.resp_h === '10.20.1.10' && row.resp_p === 20000)).toBe(true);
  });

  test('Modbus: the workstation’s writes are all out of hours and outside any change window', async () => {
    const rows = await rowsOf('modbus-writes');
    const ews = rows.filter((row) => row.orig_h === '10.20.1.15');
    expect(ews.reduce((sum, row) => sum + (row.writes as number), 0)).toBe(5);
    expect(ews.every((row) => row.out_of_hours === row.writes && row.in_window === 0)).toBe(true);
    expect(ews.reduce((sum, row) => sum + (row.failed as number), 0)).toBe(1);
    expect(rows.find((row) => row.role === 'hmi')).toMatchObject({
      func: 'WRITE_SINGLE_COIL',
      out_of_hours: 0,
    });
  });

  test('DNP3: the cold restart comes from the rogue device; the master’s restart was planned', async () => {
    const rows = await rowsOf('dnp3-function-codes');
    expect(rows.map((row) => [row.orig_h, row.fc_request, row.in_window])).toEqual([
      ['10.0.5.10', 'WARM_RESTART', 1],
      [ROGUE, 'DISABLE_UNSOLICITED', 0],
      [ROGUE, 'COLD_RESTART', 0],
      ['10.0.5.10', 'DISABLE_UNSOLICITED', 0],
    ]);
    expect(rows[2]?.name).toBeNull();
    expect(rows[3]?.iin).toBe(32768);
  });

  test('GOOSE: exactly the six replayed frames go backwards, all from an unregistered MAC', async () => {
    const rows = await rowsOf('goose-replay-and-joint-decisions');
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => row.sq_num)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const row of rows) {
      expect(row).toMatchObject({
        gocb_ref: 'REL_F2PROT/LLN0$GO$gcbBlock',
        src_mac: 'b8:27:eb:5c:91:3e',
        src_name: null,
        st_num: 24,
        max_st_before: 25,
        data: 'block=true',
      });
    }
  });

  test.each([
    [
      'baselining-who-talks-to-whom',
      // Comparing hosts with the IP plan only misses the registered workstation's new flow.
      `SELECT c.orig_h, c.resp_h, c.resp_p, c.proto, COUNT(*) AS connections,
              MIN(c.ts) AS first_ts, MAX(c.ts) AS last_ts, 0 AS orig_registered
       FROM conn AS c WHERE c.orig_h NOT IN (SELECT ip FROM devices)
       GROUP BY c.orig_h, c.resp_h, c.resp_p, c.proto ORDER BY first_ts, c.orig_h, c.resp_h`,
    ],
    [
      'goose-replay-and-joint-decisions',
      // Comparing each frame with only the previous one catches the first replayed frame alone.
      `WITH seen AS (
         SELECT g.*, LAG(st_num) OVER w AS max_st_before, LAG(sq_num) OVER w AS max_sq_before
         FROM goose AS g WINDOW w AS (PARTITION BY gocb_ref ORDER BY ts, sq_num))
       SELECT s.ts, s.gocb_ref, s.src_mac, NULL AS src_name, s.st_num, s.sq_num,
              s.max_st_before, s.max_sq_before, s.data
       FROM seen AS s
       WHERE s.st_num < s.max_st_before OR (s.st_num = s.max_st_before AND s.sq_num <= s.max_sq_before)
       ORDER BY s.ts`,
    ],
  ])('%s fails a plausible mistake with a reason', async (slug, query) => {
    const { datasets, check } = labOf(slug);
    const result = await gradeLabQuery({ datasets, check, query });
    expect(result).toMatchObject({ ok: true, passed: false });
    if (result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });

  test.each(lessons.filter((l) => l.data.kind === 'lab').map((l) => l.slug))(
    '%s passes its own reference answer',
    async (slug) => {
      const { datasets, check } = labOf(slug);
      const result = await gradeLabQuery({ datasets, check, query: check.reference });
      expect(result).toMatchObject({ ok: true, passed: true });
    },
  );
});
