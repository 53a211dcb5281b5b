CREATE TABLE `exercise_events` (
	`exercise_id` text NOT NULL,
	`seq` integer NOT NULL,
	`client_event_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`at` integer NOT NULL,
	`command` text NOT NULL,
	PRIMARY KEY(`exercise_id`, `seq`),
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exercise_events_client_unique` ON `exercise_events` (`exercise_id`,`user_id`,`client_event_id`);--> statement-breakpoint
CREATE TABLE `exercise_participants` (
	`exercise_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`exercise_id`, `role`),
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exercise_participants_user_unique` ON `exercise_participants` (`exercise_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `exercise_participants_user_idx` ON `exercise_participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `exercises` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`join_code` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`scored_at` integer,
	`result` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exercises_join_code_unique` ON `exercises` (`join_code`);