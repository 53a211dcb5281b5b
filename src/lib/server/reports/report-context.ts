import { now } from '../clock.ts';
import { getConfig } from '../config.ts';
import type { Database } from '../../../../db/client.ts';
import { recordBase } from '../learning-record/record-base.ts';
import type { ReportContext } from './matrix.ts';

/** The context of a report computed now: the record base, the (injectable) clock, ORG_TIME_ZONE. */
export function currentReportContext(db: Database): ReportContext {
  return { origin: recordBase(db), now: now(), timeZone: getConfig().ORG_TIME_ZONE };
}
