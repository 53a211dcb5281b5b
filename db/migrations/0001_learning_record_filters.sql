DROP INDEX `statements_actor_idx`;--> statement-breakpoint
DROP INDEX `statements_object_idx`;--> statement-breakpoint
DROP INDEX `statements_verb_idx`;--> statement-breakpoint
DROP INDEX `statements_registration_idx`;--> statement-breakpoint
ALTER TABLE `statements` ADD `target_id` text;--> statement-breakpoint
ALTER TABLE `statements` ADD `user_id` text;--> statement-breakpoint
CREATE INDEX `statements_target_idx` ON `statements` (`target_id`) WHERE "statements"."target_id" IS NOT NULL;