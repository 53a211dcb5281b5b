import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** People who sign in: learners, managers and administrators. Times are Unix milliseconds. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased, so uniqueness is case-insensitive. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['learner', 'manager', 'admin'] }).notNull(),
    department: text('department', { enum: ['it', 'ot', 'other'] })
      .notNull()
      .default('other'),
    jobTitle: text('job_title').notNull().default(''),
    /** argon2id PHC string; null until an invitation is accepted. */
    passwordHash: text('password_hash'),
    isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
    /** Accounts created by `switchyard demo`, shown with a badge. */
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    /** May sign in with a password even when single sign-on is the only way in (recovery). */
    isBreakGlass: integer('is_break_glass', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_role_idx').on(t.role)],
);

/** Signed-in sessions; the id is the SHA-256 of the cookie token, never the token itself. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Absolute end of the session, whatever its use. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Teams of learners, on the IT side, the OT side or mixed. */
export const teams = sqliteTable(
  'teams',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['it', 'ot', 'mixed'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('teams_slug_unique').on(t.slug)],
);

/** Which learners belong to which teams (a learner may be in several). */
export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
  ],
);

/** Which managers manage which teams. */
export const teamManagers = sqliteTable(
  'team_managers',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_managers_user_idx').on(t.userId),
  ],
);

/** One-time links (first-run setup, invitations, password resets); only the SHA-256 is stored. */
export const oneTimeTokens = sqliteTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose', { enum: ['setup', 'invitation', 'reset'] }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('one_time_tokens_user_idx').on(t.userId)],
);

/** Failed sign-in counters per account and per IP, kept in the database so instances share them. */
export const signInThrottles = sqliteTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: integer('locked_until').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Browsers in which a person signed in successfully (a device cookie, stored as its SHA-256).
 * Sign-in from such a browser is throttled on its own counter, so failures elsewhere cannot lock
 * the person out of it.
 */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('trusted_devices_user_idx').on(t.userId)],
);

/** Accounts at an OpenID provider, linked by issuer and subject (never by email alone). */
export const oidcIdentities = sqliteTable(
  'oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSignInAt: integer('last_sign_in_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issuer, t.subject] }),
    index('oidc_identities_user_idx').on(t.userId),
  ],
);

/** Sign-ins sent to the provider and not yet back; the id is the SHA-256 of the browser's cookie. */
export const oidcSignInAttempts = sqliteTable(
  'oidc_sign_in_attempts',
  {
    id: text('id').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    nextPath: text('next_path').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('oidc_sign_in_attempts_expires_idx').on(t.expiresAt)],
);

/** Provider groups an administrator maps to a Switchyard team, a role, or both. */
export const ssoGroupMappings = sqliteTable(
  'sso_group_mappings',
  {
    id: text('id').primaryKey(),
    /** The group's id or name exactly as the provider sends it in the groups claim. */
    groupName: text('group_name').notNull(),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['learner', 'manager', 'admin'] }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sso_group_mappings_group_unique').on(t.groupName)],
);

/** Settings administrators change in the application (not the environment). */
export const siteSettings = sqliteTable('site_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Security events for administrators and auditors. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_type_idx').on(t.type)],
);

/** HTTP Basic credentials for xAPI clients (an LMS, an LRS, a reporting tool). */
export const xapiCredentials = sqliteTable(
  'xapi_credentials',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    secretHash: text('secret_hash').notNull(),
    scope: text('scope', { enum: ['read', 'write', 'all', 'launch'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('xapi_credentials_key_unique').on(t.key)],
);

/** The learning record: every xAPI statement, append-only, with the columns queries filter on. */
export const statements = sqliteTable(
  'statements',
  {
    /** Insertion order; drives paging and consistent-through. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    actorKey: text('actor_key').notNull(),
    verb: text('verb').notNull(),
    objectId: text('object_id').notNull(),
    /** Id of the statement this one voids, for voiding statements. */
    voidsId: text('voids_id'),
    /** Id of the statement this one's object refers to (a StatementRef object), voiding or not. */
    targetId: text('target_id'),
    /** The Switchyard user the actor is (account on the site's origin naming a user), if any. */
    userId: text('user_id'),
    registration: text('registration'),
    /** Milliseconds since epoch, from the statement's timestamp. */
    timestamp: integer('timestamp').notNull(),
    /** Milliseconds since epoch; never decreases with seq. */
    stored: integer('stored').notNull(),
    isVoided: integer('is_voided', { mode: 'boolean' }).notNull().default(false),
    /** The full statement as stored (with stored, authority and version). */
    body: text('body').notNull(),
    /** Hash of the statement's comparable content, to tell a replay from a conflict. */
    fingerprint: text('fingerprint').notNull(),
  },
  (t) => [
    uniqueIndex('statements_id_unique').on(t.id),
    index('statements_actor_object_idx').on(t.actorKey, t.objectId, t.seq),
    index('statements_target_idx')
      .on(t.targetId)
      .where(sql`${t.targetId} IS NOT NULL`),
    index('statements_stored_idx').on(t.stored),
  ],
);

/**
 * Filter keys of each statement (agent, related_agent, verb, activity, related_activity,
 * registration): one ordered index answers every query filter, paged by seq. A statement whose
 * object is a StatementRef also carries the keys of the statement it targets, as the spec asks.
 * The key starts with ref so a learner's (or activity's) narrow and broad rows share index pages.
 */
export const statementRefs = sqliteTable(
  'statement_refs',
  {
    seq: integer('seq').notNull(),
    kind: text('kind', {
      enum: ['agent', 'related_agent', 'verb', 'activity', 'related_activity', 'registration'],
    }).notNull(),
    ref: text('ref').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ref, t.kind, t.seq] })],
);

/** Completion derived from statements, per learner and activity; rebuildable from the record. */
export const completions = sqliteTable(
  'completions',
  {
    actorKey: text('actor_key').notNull(),
    activityId: text('activity_id').notNull(),
    /** The Switchyard user the actor is, when it is one. */
    userId: text('user_id'),
    status: text('status', { enum: ['attempted', 'completed', 'passed', 'failed'] }).notNull(),
    isSuccess: integer('is_success', { mode: 'boolean' }),
    bestScore: real('best_score'),
    attempts: integer('attempts').notNull().default(0),
    firstCompletedAt: integer('first_completed_at'),
    lastCompletedAt: integer('last_completed_at'),
    lastStatementId: text('last_statement_id'),
    /** Who reported it: Switchyard's graders, or imported (cmi5) content under its rules. */
    reportedBy: text('reported_by', { enum: ['grader', 'imported-content'] })
      .notNull()
      .default('grader'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorKey, t.activityId] }),
    // Covers the manager reports: a learner's rows are read without touching the table.
    index('completions_user_idx').on(
      t.userId,
      t.activityId,
      t.status,
      t.bestScore,
      t.lastCompletedAt,
    ),
    index('completions_activity_idx').on(t.activityId),
  ],
);

/**
 * A small integer per activity that has a completion row, so that packed completion summaries name
 * activities by number. Keys are never reused or renumbered (rebuild-completion keeps them).
 */
export const activityKeys = sqliteTable('activity_keys', {
  key: integer('key').primaryKey(),
  activityId: text('activity_id').notNull().unique(),
});

/**
 * Every completion row of a learner, packed into one row (format: src/lib/server/completion/
 * summaries.ts). Triggers on completions keep it in the transaction that writes the rows (migration
 * 0011); rebuild-completion rebuilds it. Reports of thousands of learners read one row per learner.
 */
export const completionSummaries = sqliteTable('completion_summaries', {
  userId: text('user_id').primaryKey(),
  /** Fixed-width entries, one per completion row: activity key, status, score, last completion. */
  packed: blob('packed', { mode: 'buffer' }).notNull(),
  /** Per entry, in the same order: "firstCompletedAt,lastStatementId", separated by ';'. */
  evidence: text('evidence').notNull(),
});

/**
 * A row while rebuild-completion (or a bulk import) rewrites completions in one transaction: the
 * summary triggers stand aside and the summaries are rebuilt in bulk before it commits.
 */
export const completionRebuilds = sqliteTable('completion_rebuilds', {
  id: integer('id').primaryKey(),
  startedAt: integer('started_at').notNull(),
});

/** Work a manager assigned to a team or a person, with a due date and optional recertification. */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    itemType: text('item_type', { enum: ['course', 'track', 'scenario'] }).notNull(),
    itemId: text('item_id').notNull(),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Calendar date YYYY-MM-DD; the deadline ends at the end of that day in the organisation's time zone. */
    dueDate: text('due_date').notNull(),
    recurrenceMonths: integer('recurrence_months'),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    archivedAt: integer('archived_at'),
  },
  (t) => [index('assignments_team_idx').on(t.teamId), index('assignments_user_idx').on(t.userId)],
);

/** Simulation attempts as verified by the server's replay. */
export const simAttempts = sqliteTable(
  'sim_attempts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scenarioId: text('scenario_id').notNull(),
    actions: text('actions').notNull(),
    score: real('score').notNull(),
    maxScore: real('max_score').notNull(),
    isPassed: integer('is_passed', { mode: 'boolean' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    result: text('result').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sim_attempts_user_idx').on(t.userId, t.scenarioId)],
);

/** Knowledge-check attempts, kept so the learner can see the feedback after the redirect. */
export const checkAttempts = sqliteTable(
  'check_attempts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    answers: text('answers').notNull(),
    score: real('score').notNull(),
    isPassed: integer('is_passed', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('check_attempts_user_idx').on(t.userId, t.courseId, t.lessonId)],
);

/** Certificates issued on course completion; the code is the public, unguessable identifier. */
export const certificates = sqliteTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at'),
    statementId: text('statement_id'),
    /** The nth certificate of this learner for this course (1, 2... on renewal); unique, so never issued twice. */
    issueNumber: integer('issue_number'),
    /** The learner's name on the day of issue. */
    holderName: text('holder_name'),
    /** The course's title and version on the day of issue. */
    courseTitle: text('course_title'),
    courseVersion: text('course_version'),
    /** Day of issue (YYYY-MM-DD) in the organisation's time zone. */
    issuedOn: text('issued_on'),
    /** Last day the certificate is valid (YYYY-MM-DD, organisation's time zone), or null when it never lapses. */
    validUntil: text('valid_until'),
  },
  (t) => [
    index('certificates_user_idx').on(t.userId, t.courseId),
    uniqueIndex('certificates_issue_unique').on(t.userId, t.courseId, t.issueNumber),
    uniqueIndex('certificates_statement_unique').on(t.statementId),
  ],
);

/** The learning record's identity (one row): the IRI base of activity ids and learner accounts. */
export const recordIdentity = sqliteTable('record_identity', {
  /** Always 1. */
  id: integer('id').primaryKey(),
  /** Origin-like IRI base, e.g. https://training.example.com (no trailing slash). */
  iriBase: text('iri_base').notNull(),
  /** How it was chosen: from PUBLIC_ORIGIN or the default, set by an operator, or adopted from stored statements. */
  source: text('source', { enum: ['config', 'set', 'adopted'] }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Imported cmi5 courses; the id is the course's slug in Switchyard (pages, assignments). */
export const cmi5Courses = sqliteTable(
  'cmi5_courses',
  {
    id: text('id').primaryKey(),
    /** The course id (an IRI) from the package's cmi5.xml; re-importing it makes a new version. */
    publisherCourseId: text('publisher_course_id').notNull(),
    publisher: text('publisher').notNull(),
    /** The track the course is listed under, when the importer chose one. */
    track: text('track'),
    currentVersionId: text('current_version_id').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Set when the course is withdrawn: no new launches; records and evidence stay. */
    deletedAt: integer('deleted_at'),
  },
  (t) => [uniqueIndex('cmi5_courses_publisher_id_unique').on(t.publisherCourseId)],
);

/** Each import of a cmi5 course: its parsed structure, kept so registrations keep their version. */
export const cmi5CourseVersions = sqliteTable(
  'cmi5_course_versions',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => cmi5Courses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The validated course structure as JSON (blocks and AUs in document order). */
    structure: text('structure').notNull(),
    hasPackage: integer('has_package', { mode: 'boolean' }).notNull(),
    importedAt: integer('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [uniqueIndex('cmi5_course_versions_course_version_unique').on(t.courseId, t.version)],
);

/** The files of a version's zip package, in the database so every server instance serves them. */
export const cmi5PackageFiles = sqliteTable(
  'cmi5_package_files',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => cmi5CourseVersions.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    contentType: text('content_type').notNull(),
    body: blob('body', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.path] })],
);

/** A learner's enrolment in a cmi5 course (cmi5 registration), pinned to the version it started on. */
export const cmi5Registrations = sqliteTable(
  'cmi5_registrations',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => cmi5Courses.id, { onDelete: 'cascade' }),
    versionId: text('version_id')
      .notNull()
      .references(() => cmi5CourseVersions.id),
    actorKey: text('actor_key').notNull(),
    /** The xAPI Agent launched, as JSON. */
    actor: text('actor').notNull(),
    /** The Switchyard learner, when the actor is one. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    satisfiedAt: integer('satisfied_at'),
  },
  (t) => [index('cmi5_registrations_course_actor_idx').on(t.courseId, t.actorKey)],
);

/** One AU launch session; the fetch key and auth token are stored as SHA-256 only. */
export const cmi5Sessions = sqliteTable(
  'cmi5_sessions',
  {
    id: text('id').primaryKey(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => cmi5Registrations.id, { onDelete: 'cascade' }),
    auIndex: integer('au_index').notNull(),
    launchMode: text('launch_mode', { enum: ['Normal', 'Browse', 'Review'] }).notNull(),
    fetchKeyHash: text('fetch_key_hash').notNull(),
    tokenHash: text('token_hash'),
    fetchedAt: integer('fetched_at'),
    launchedAt: integer('launched_at').notNull(),
    lastActivityAt: integer('last_activity_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    initializedAt: integer('initialized_at'),
    terminatedAt: integer('terminated_at'),
    abandonedAt: integer('abandoned_at'),
  },
  (t) => [
    uniqueIndex('cmi5_sessions_fetch_key_unique').on(t.fetchKeyHash),
    uniqueIndex('cmi5_sessions_token_unique').on(t.tokenHash),
    index('cmi5_sessions_registration_idx').on(t.registrationId),
  ],
);

/** Joint exercises: a live, shared run of a joint scenario. The event log is the source of truth. */
export const exercises = sqliteTable(
  'exercises',
  {
    /** A UUID; also the xAPI registration of every participant's verdict. */
    id: text('id').primaryKey(),
    scenarioId: text('scenario_id').notNull(),
    /** Short code people type to join (unambiguous letters and digits). */
    joinCode: text('join_code').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    /** Set when the server scored the finished exercise and wrote the verdicts. */
    scoredAt: integer('scored_at'),
    /** The score as JSON, kept for the review page (the statements are the record). */
    result: text('result'),
  },
  (t) => [uniqueIndex('exercises_join_code_unique').on(t.joinCode)],
);

/** Who plays which role in an exercise: one person per role, one role per person. */
export const exerciseParticipants = sqliteTable(
  'exercise_participants',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['authority', 'field', 'analyst', 'observer'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.exerciseId, t.role] }),
    uniqueIndex('exercise_participants_user_unique').on(t.exerciseId, t.userId),
    index('exercise_participants_user_idx').on(t.userId),
  ],
);

/** The append-only log of an exercise: joins, messages, actions, injects, numbered from 1. */
export const exerciseEvents = sqliteTable(
  'exercise_events',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The sender's id for the message: a retry with the same id is stored once. */
    clientEventId: text('client_event_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['authority', 'field', 'analyst', 'observer'] }).notNull(),
    /** Server time it was accepted. */
    at: integer('at').notNull(),
    /** The command as JSON. */
    command: text('command').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.exerciseId, t.seq] }),
    uniqueIndex('exercise_events_client_unique').on(t.exerciseId, t.userId, t.clientEventId),
  ],
);

/**
 * xAPI documents: State (per activity, agent and registration), Activity Profile and Agent
 * Profile, one row per document. Unused key parts are '' so the primary key stays total.
 */
export const xapiDocuments = sqliteTable(
  'xapi_documents',
  {
    kind: text('kind', { enum: ['state', 'activity_profile', 'agent_profile'] }).notNull(),
    /** Activity IRI (state, activity profile); '' for agent profiles. */
    activityId: text('activity_id').notNull(),
    /** Canonical key of the agent (state, agent profile); '' for activity profiles. */
    agentKey: text('agent_key').notNull(),
    /** Registration UUID of a state document, lower case; '' when none. */
    registration: text('registration').notNull(),
    /** stateId or profileId. */
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    /** Lower-case hex SHA-1 of the content, as the xAPI ETag. */
    etag: text('etag').notNull(),
    /** Milliseconds since epoch of the last change. */
    updated: integer('updated').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.kind, t.activityId, t.agentKey, t.registration, t.documentId],
    }),
  ],
);

/** Raw attachment data sent with statements, stored once per SHA-2 hash. */
export const xapiAttachments = sqliteTable('xapi_attachments', {
  /** Lower-case hex SHA-256, SHA-384 or SHA-512 of the content. */
  sha2: text('sha2').primaryKey(),
  contentType: text('content_type').notNull(),
  content: blob('content', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
});
