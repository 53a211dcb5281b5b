CREATE TABLE `xapi_attachments` (
	`sha2` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`content` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `xapi_documents` (
	`kind` text NOT NULL,
	`activity_id` text NOT NULL,
	`agent_key` text NOT NULL,
	`registration` text NOT NULL,
	`document_id` text NOT NULL,
	`content_type` text NOT NULL,
	`content` blob NOT NULL,
	`etag` text NOT NULL,
	`updated` integer NOT NULL,
	PRIMARY KEY(`kind`, `activity_id`, `agent_key`, `registration`, `document_id`)
);
