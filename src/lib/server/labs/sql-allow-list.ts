import { constants } from 'node:sqlite';

/**
 * What a lab query may do, as SQLite itself reports it while preparing the query (its authorizer):
 * read the lab's tables and schema, call built-in functions from this list, recurse. Everything
 * else (writes, PRAGMA, ATTACH, internal tables, pragma functions other than the schema ones,
 * extension or unknown functions) is refused before the query runs.
 */

/** SQLite's own tables a learner may read (sqlite_schema is reported as sqlite_master). */
export const SCHEMA_TABLES: ReadonlySet<string> = new Set([
  'sqlite_master',
  'sqlite_schema',
  'sqlite_temp_master',
  'sqlite_temp_schema',
]);

/** Table-valued functions a learner may read: the schema pragmas and JSON walking. */
export const TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'pragma_table_info',
  'pragma_table_xinfo',
  'pragma_table_list',
  'json_each',
  'json_tree',
]);

/** Pragmas the schema functions above run (SQLite checks them as the rows are read). */
const SCHEMA_PRAGMAS: ReadonlySet<string> = new Set(['table_info', 'table_xinfo', 'table_list']);

/** Built-in scalar, aggregate, window, date, math and JSON functions a lab query may call. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(
  `abs char coalesce concat concat_ws format glob hex ifnull iif if instr length like likelihood
  likely lower ltrim max min nullif octet_length printf quote random replace round rtrim sign
  soundex substr substring trim typeof unhex unicode unlikely upper
  date time datetime julianday unixepoch strftime timediff
  avg count group_concat string_agg sum total
  row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value
  acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp floor ln log log10 log2
  mod pi pow power radians sin sinh sqrt tan tanh trunc
  json json_array json_array_length json_extract json_insert json_object json_patch json_remove
  json_replace json_set json_type json_valid json_quote json_group_array json_group_object
  json_error_position json_pretty`
    .split(/\s+/)
    .filter(Boolean),
);

const NAMES = new Map<number, string>(
  Object.entries(constants)
    .filter(([name]) => name.startsWith('SQLITE_'))
    .map(([name, code]) => [code as number, name.replace('SQLITE_', '')]),
);

/** Says why an action was refused, in words a learner can act on. */
function refusal(action: number, arg1: string | null, arg2: string | null): string {
  switch (action) {
    case constants.SQLITE_FUNCTION:
      return `${arg2}() is not a function a lab query may use; use SQLite's built-in functions (for example round, strftime, lag).`;
    case constants.SQLITE_READ:
      return arg1?.startsWith('sqlite_')
        ? `${arg1} is SQLite's internal data and is not allowed; a lab query reads the lab's tables (and sqlite_schema).`
        : `${arg1} is not one of this lab's tables; only pragma_table_info, pragma_table_xinfo and pragma_table_list among the pragma functions are allowed.`;
    case constants.SQLITE_PRAGMA:
      return "PRAGMA is not allowed in a lab query. To list a table's columns, use SELECT * FROM pragma_table_info('table_name').";
    case constants.SQLITE_ATTACH:
    case constants.SQLITE_DETACH:
      return "ATTACH and DETACH are not allowed: a lab query reads only the lab's own tables.";
    default:
      return `The lab data is read-only and a lab query is one SELECT, so ${NAMES.get(action) ?? 'this'} is not allowed.`;
  }
}

/** An authorizer for one lab database and the reason of the last thing it refused. */
export interface LabAuthorizer {
  authorize: (
    action: number,
    arg1: string | null,
    arg2: string | null,
    database: string | null,
    trigger: string | null,
  ) => number;
  /** Why the last refused action was refused; null when nothing was. */
  lastRefusal: () => string | null;
  /** Forgets the last refusal, before the next query. */
  reset: () => void;
}

/** Allows a query to read `tables` (and the schema) and call the allowed functions, nothing else. */
export function labAuthorizer(tables: Iterable<string>): LabAuthorizer {
  const readable = new Set([...tables].map((name) => name.toLowerCase()));
  let last: string | null = null;
  const isReadable = (table: string | null, database: string | null): boolean => {
    const name = (table ?? '').toLowerCase();
    // A common table expression has no database: it is the query's own rows.
    if (database === null) return true;
    if (database !== 'main') return SCHEMA_TABLES.has(name);
    return readable.has(name) || SCHEMA_TABLES.has(name) || TABLE_FUNCTIONS.has(name);
  };
  const isAllowed = (
    action: number,
    arg1: string | null,
    arg2: string | null,
    db: string | null,
  ) => {
    switch (action) {
      case constants.SQLITE_SELECT:
      case constants.SQLITE_RECURSIVE:
        return true;
      case constants.SQLITE_READ:
        return isReadable(arg1, db);
      case constants.SQLITE_FUNCTION:
        return ALLOWED_FUNCTIONS.has((arg2 ?? '').toLowerCase());
      case constants.SQLITE_PRAGMA:
        return SCHEMA_PRAGMAS.has((arg1 ?? '').toLowerCase());
      default:
        return false;
    }
  };
  return {
    authorize: (action, arg1, arg2, database) => {
      if (isAllowed(action, arg1, arg2, database)) return constants.SQLITE_OK;
      last ??= refusal(action, arg1, arg2);
      return constants.SQLITE_DENY;
    },
    lastRefusal: () => last,
    reset: () => {
      last = null;
    },
  };
}
