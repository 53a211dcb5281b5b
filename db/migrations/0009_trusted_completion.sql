CREATE TABLE `record_identity` (
	`id` integer PRIMARY KEY NOT NULL,
	`iri_base` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `certificates` ADD `issue_number` integer;--> statement-breakpoint
ALTER TABLE `certificates` ADD `holder_name` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `course_title` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `course_version` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `issued_on` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `valid_until` text;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_issue_unique` ON `certificates` (`user_id`,`course_id`,`issue_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_statement_unique` ON `certificates` (`statement_id`);--> statement-breakpoint
ALTER TABLE `completions` ADD `reported_by` text DEFAULT 'grader' NOT NULL;