import { activityIds } from '../../shared/courses/activity-ids.ts';
import type { CourseInfo, ItemCatalog } from '../assignments/item-catalog.ts';
import { isDone } from '../completion/status.ts';
import type { MemberRecord, TeamRecords } from './team-records.ts';

/** The cross-skilling Switchyard exists for: OT staff learn data and security, IT staff learn the grid. */
export type SkillDomain = 'analytics' | 'cyber' | 'substation' | 'der';

export const DOMAIN_LABEL: Record<SkillDomain, string> = {
  analytics: 'Data analytics',
  cyber: 'Cyber security',
  substation: 'Substations',
  der: 'DER integration',
};

/** Which domains each side is expected to pick up from the other. */
export const CROSS_SKILLS = {
  ot: ['analytics', 'cyber'],
  it: ['substation', 'der'],
} as const satisfies Record<'ot' | 'it', readonly SkillDomain[]>;

const DOMAIN_SKILLS: Record<SkillDomain, readonly string[]> = {
  analytics: ['analytics', 'sql', 'statistics', 'time-series', 'historian'],
  cyber: ['cybersecurity', 'ot-security', 'nerc-cip', 'iec-62443', 'incident-response'],
  substation: ['substation', 'switching-safety', 'iec-61850'],
  der: ['der', 'derms', 'inverters', 'ieee-1547', 'hosting-capacity'],
};

/** Used only for a course that lists no skills. */
const TRACK_DOMAIN: Record<string, SkillDomain> = {
  'data-analytics': 'analytics',
  'ot-cybersecurity': 'cyber',
  'der-integration': 'der',
};

/** The domains a course counts towards, from its `skills` (or, without skills, its track). */
export function courseDomains(course: CourseInfo): SkillDomain[] {
  if (!course.data.skills.length) {
    const domain = TRACK_DOMAIN[course.data.track];
    return domain ? [domain] : [];
  }
  return (Object.keys(DOMAIN_SKILLS) as SkillDomain[]).filter((domain) =>
    course.data.skills.some((skill) => DOMAIN_SKILLS[domain].includes(skill)),
  );
}

/** The activities whose completion counts towards a domain: courses by domain, simulations as substation. */
export function domainActivities(origin: string, catalog: ItemCatalog): Map<string, SkillDomain[]> {
  const map = new Map<string, SkillDomain[]>();
  for (const course of catalog.courses.values()) {
    const domains = courseDomains(course);
    if (domains.length) map.set(activityIds.course(origin, course.slug), domains);
  }
  for (const id of catalog.scenarios.keys())
    map.set(activityIds.scenario(origin, id), ['substation']);
  return map;
}

/** Learners of one department and the cross-skill domains each holds a completion in. */
export interface CoverageGroup {
  department: 'ot' | 'it';
  domains: readonly SkillDomain[];
  learners: { learner: MemberRecord; held: SkillDomain[] }[];
  /** Learners holding at least one completion per domain. */
  holders: Record<SkillDomain, number>;
}

/** Which OT learners hold analytics and cyber completions, which IT learners substation and DER ones. */
export function crossSkillCoverage(
  members: MemberRecord[],
  records: Pick<TeamRecords, 'completions'>,
  activities: Map<string, SkillDomain[]>,
): CoverageGroup[] {
  return (['ot', 'it'] as const).map((department) => {
    const domains = CROSS_SKILLS[department];
    const holders = { analytics: 0, cyber: 0, substation: 0, der: 0 };
    const learners = members
      .filter((member) => member.department === department)
      .map((learner) => {
        const held = new Set<SkillDomain>();
        for (const [activityId, row] of records.completions.entriesOf(learner.id)) {
          if (!isDone(row)) continue;
          for (const domain of activities.get(activityId) ?? []) held.add(domain);
        }
        const mine = domains.filter((domain) => held.has(domain));
        for (const domain of mine) holders[domain] += 1;
        return { learner, held: mine };
      });
    return { department, domains, learners, holders };
  });
}
