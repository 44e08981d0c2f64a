ALTER TABLE "profiles" ADD COLUMN "bio" text;
