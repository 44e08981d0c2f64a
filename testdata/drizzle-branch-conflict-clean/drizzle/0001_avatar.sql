ALTER TABLE "profiles" ADD COLUMN "avatar_url" text;
