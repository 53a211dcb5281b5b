PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_statement_refs` (
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	PRIMARY KEY(`ref`, `kind`, `seq`)
);
--> statement-breakpoint
INSERT INTO `__new_statement_refs`("seq", "kind", "ref") SELECT "seq", "kind", "ref" FROM `statement_refs`;--> statement-breakpoint
DROP TABLE `statement_refs`;--> statement-breakpoint
ALTER TABLE `__new_statement_refs` RENAME TO `statement_refs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;