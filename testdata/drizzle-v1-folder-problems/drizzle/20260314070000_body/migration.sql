-- expect: migration-journal-mismatch
ALTER TABLE "cards" ADD COLUMN "body" text;
