import { now } from '../clock.ts';
import { getConfig } from '../config.ts';
import { canonicalOrigin } from '../site-origin.ts';
import type { ReportContext } from './matrix.ts';

/** The context of a report computed now: canonical origin, the (injectable) clock, ORG_TIME_ZONE. */
export function currentReportContext(): ReportContext {
  return { origin: canonicalOrigin(), now: now(), timeZone: getConfig().ORG_TIME_ZONE };
}
