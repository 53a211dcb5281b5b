CREATE TABLE `activity_keys` (
	`key` integer PRIMARY KEY NOT NULL,
	`activity_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_keys_activity_id_unique` ON `activity_keys` (`activity_id`);--> statement-breakpoint
CREATE TABLE `completion_rebuilds` (
	`id` integer PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `completion_summaries` (
	`user_id` text PRIMARY KEY NOT NULL,
	`packed` blob NOT NULL,
	`evidence` text NOT NULL
);
