-- Copied in by hand after a merge; the journal never heard of it. -- expect: migration-journal-mismatch
CREATE TABLE "audit_log" ("id" serial PRIMARY KEY NOT NULL, "action" text NOT NULL);
