CREATE TABLE `cmi5_course_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`structure` text NOT NULL,
	`has_package` integer NOT NULL,
	`imported_at` integer NOT NULL,
	`imported_by` text NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `cmi5_courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cmi5_course_versions_course_version_unique` ON `cmi5_course_versions` (`course_id`,`version`);--> statement-breakpoint
CREATE TABLE `cmi5_courses` (
	`id` text PRIMARY KEY NOT NULL,
	`publisher_course_id` text NOT NULL,
	`publisher` text NOT NULL,
	`track` text,
	`current_version_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cmi5_courses_publisher_id_unique` ON `cmi5_courses` (`publisher_course_id`);--> statement-breakpoint
CREATE TABLE `cmi5_package_files` (
	`version_id` text NOT NULL,
	`path` text NOT NULL,
	`content_type` text NOT NULL,
	`body` blob NOT NULL,
	PRIMARY KEY(`version_id`, `path`),
	FOREIGN KEY (`version_id`) REFERENCES `cmi5_course_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cmi5_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`version_id` text NOT NULL,
	`actor_key` text NOT NULL,
	`actor` text NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	`satisfied_at` integer,
	FOREIGN KEY (`course_id`) REFERENCES `cmi5_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `cmi5_course_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cmi5_registrations_course_actor_idx` ON `cmi5_registrations` (`course_id`,`actor_key`);--> statement-breakpoint
CREATE TABLE `cmi5_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`au_index` integer NOT NULL,
	`launch_mode` text NOT NULL,
	`fetch_key_hash` text NOT NULL,
	`token_hash` text,
	`fetched_at` integer,
	`launched_at` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`initialized_at` integer,
	`terminated_at` integer,
	`abandoned_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `cmi5_registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cmi5_sessions_fetch_key_unique` ON `cmi5_sessions` (`fetch_key_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `cmi5_sessions_token_unique` ON `cmi5_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `cmi5_sessions_registration_idx` ON `cmi5_sessions` (`registration_id`);