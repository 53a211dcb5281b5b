import type { StatementFormat } from './query-params.ts';

type Json = Record<string, unknown>;
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An Agent or Group reduced to what identifies it (anonymous groups keep their members). */
function idsActor(actor: unknown): unknown {
  if (!isObject(actor)) return actor;
  const reduced: Json = {};
  if (actor['objectType'] !== undefined) reduced['objectType'] = actor['objectType'];
  for (const key of IFI_KEYS) if (actor[key] !== undefined) reduced[key] = actor[key];
  const isAnonymous = IFI_KEYS.every((key) => actor[key] === undefined);
  if (isAnonymous && Array.isArray(actor['member']))
    reduced['member'] = actor['member'].map(idsActor);
  return reduced;
}

/** An Activity reduced to `{ id }`: its id identifies it, and objectType defaults to Activity. */
function idsActivity(activity: unknown): unknown {
  if (!isObject(activity)) return activity;
  return { id: activity['id'] };
}

function idsObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  const type = object['objectType'] ?? 'Activity';
  if (type === 'Activity') return idsActivity(object);
  if (type === 'Agent' || type === 'Group') return idsActor(object);
  if (type === 'SubStatement') return idsStatement(object);
  return object;
}

function idsContext(context: unknown): unknown {
  if (!isObject(context)) return context;
  const copy: Json = { ...context };
  if (context['instructor']) copy['instructor'] = idsActor(context['instructor']);
  if (context['team']) copy['team'] = idsActor(context['team']);
  const lists = context['contextActivities'];
  if (isObject(lists)) {
    copy['contextActivities'] = Object.fromEntries(
      Object.entries(lists).map(([key, list]) => [
        key,
        Array.isArray(list) ? list.map(idsActivity) : list,
      ]),
    );
  }
  if (Array.isArray(context['contextAgents'])) {
    copy['contextAgents'] = context['contextAgents'].map((entry: Json) => ({
      ...entry,
      agent: idsActor(entry['agent']),
    }));
  }
  if (Array.isArray(context['contextGroups'])) {
    copy['contextGroups'] = context['contextGroups'].map((entry: Json) => ({
      ...entry,
      group: idsActor(entry['group']),
    }));
  }
  return copy;
}

function idsStatement(statement: Json): Json {
  const copy: Json = {
    ...statement,
    actor: idsActor(statement['actor']),
    object: idsObject(statement['object']),
  };
  if (isObject(statement['verb'])) copy['verb'] = { id: statement['verb']['id'] };
  if (statement['context']) copy['context'] = idsContext(statement['context']);
  if (statement['authority']) copy['authority'] = idsActor(statement['authority']);
  return copy;
}

/** Language preferences from an Accept-Language header, best first. */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}

/** Keeps the one entry of a language map that best fits the reader's languages. */
function pickLanguage(map: unknown, languages: string[]): unknown {
  if (!isObject(map)) return map;
  const keys = Object.keys(map);
  for (const wanted of languages) {
    const key =
      wanted === '*'
        ? keys[0]
        : (keys.find((k) => k.toLowerCase() === wanted) ??
          keys.find(
            (k) =>
              k.toLowerCase().startsWith(`${wanted}-`) || wanted.startsWith(`${k.toLowerCase()}-`),
          ));
    if (key !== undefined) return { [key]: map[key] };
  }
  const first = keys[0];
  return first === undefined ? map : { [first]: map[first] };
}

/** Applies the canonical format: one language per map in activity definitions and verb display. */
function canonicalStatement(value: unknown, languages: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalStatement(item, languages));
  if (!isObject(value)) return value;
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'extensions') copy[key] = child;
    else if (key === 'display' || key === 'name' || key === 'description') {
      copy[key] = isObject(child) && !('id' in child) ? pickLanguage(child, languages) : child;
    } else copy[key] = canonicalStatement(child, languages);
  }
  return copy;
}

/** A stored statement (JSON text) in the format a reader asked for, as JSON text. */
export function formatStatement(
  body: string,
  format: StatementFormat,
  languages: string[],
): string {
  if (format === 'exact') return body;
  const statement = JSON.parse(body) as Json;
  if (format === 'ids') return JSON.stringify(idsStatement(statement));
  return JSON.stringify(canonicalStatement(statement, languages));
}
