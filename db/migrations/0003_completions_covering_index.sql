DROP INDEX `completions_user_idx`;--> statement-breakpoint
CREATE INDEX `completions_user_idx` ON `completions` (`user_id`,`activity_id`,`status`,`best_score`,`last_completed_at`);