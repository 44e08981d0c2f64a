ALTER TABLE "profiles" ADD COLUMN "bio" text; -- expect: migration-history-conflict
