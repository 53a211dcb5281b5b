-- Per-learner completion summaries (format: src/lib/server/completion/summaries.ts), kept by triggers
-- in the transaction that writes completion rows, so a summary is never older than its rows.
-- Each entry, big-endian: activity key (4 bytes), status initial (1), flags (1: 1 = has a score,
-- 2 = has a last completion), best score in basis points (4, two's complement), last completion in
-- Unix ms (8, two's complement). Entries come in the order of completions_user_idx (activity, status,
-- score, last completion; then actor), the order in which a learner's rows are read one by one, so
-- that rows that tie under the completion rules resolve the same way.
CREATE VIEW `completion_summary_rows` AS
SELECT c.user_id AS user_id,
  unhex(group_concat(printf('%08X%02X%02X%08X%016X', k.key, unicode(c.status),
      (c.best_score IS NOT NULL) | ((c.last_completed_at IS NOT NULL) << 1),
      ifnull(CAST(round(c.best_score * 10000) AS INTEGER), 0) & 4294967295,
      ifnull(c.last_completed_at, 0)), '' ORDER BY c.activity_id, c.status, c.best_score, c.last_completed_at, c.actor_key)) AS packed,
  group_concat(ifnull(c.first_completed_at, '') || ',' || ifnull(c.last_statement_id, ''), ';'
    ORDER BY c.activity_id, c.status, c.best_score, c.last_completed_at, c.actor_key) AS evidence
FROM completions c JOIN activity_keys k ON k.activity_id = c.activity_id
WHERE c.user_id IS NOT NULL
GROUP BY c.user_id;
--> statement-breakpoint
CREATE TRIGGER `completion_summaries_after_insert` AFTER INSERT ON `completions`
WHEN NEW.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM completion_rebuilds)
BEGIN
  INSERT INTO activity_keys (activity_id) SELECT NEW.activity_id
    WHERE NOT EXISTS (SELECT 1 FROM activity_keys WHERE activity_id = NEW.activity_id);
  DELETE FROM completion_summaries WHERE user_id = NEW.user_id;
  INSERT INTO completion_summaries (user_id, packed, evidence)
    SELECT user_id, packed, evidence FROM completion_summary_rows WHERE user_id = NEW.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `completion_summaries_after_update` AFTER UPDATE ON `completions`
WHEN (NEW.user_id IS NOT NULL OR OLD.user_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM completion_rebuilds)
BEGIN
  INSERT INTO activity_keys (activity_id) SELECT NEW.activity_id
    WHERE NEW.user_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM activity_keys WHERE activity_id = NEW.activity_id);
  DELETE FROM completion_summaries WHERE user_id IN (OLD.user_id, NEW.user_id);
  INSERT INTO completion_summaries (user_id, packed, evidence)
    SELECT user_id, packed, evidence FROM completion_summary_rows
    WHERE user_id IN (OLD.user_id, NEW.user_id);
END;
--> statement-breakpoint
CREATE TRIGGER `completion_summaries_after_delete` AFTER DELETE ON `completions`
WHEN OLD.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM completion_rebuilds)
BEGIN
  DELETE FROM completion_summaries WHERE user_id = OLD.user_id;
  INSERT INTO completion_summaries (user_id, packed, evidence)
    SELECT user_id, packed, evidence FROM completion_summary_rows WHERE user_id = OLD.user_id;
END;
--> statement-breakpoint
INSERT INTO activity_keys (activity_id)
  SELECT DISTINCT activity_id FROM completions WHERE user_id IS NOT NULL ORDER BY activity_id;
--> statement-breakpoint
INSERT INTO completion_summaries (user_id, packed, evidence)
  SELECT user_id, packed, evidence FROM completion_summary_rows;
