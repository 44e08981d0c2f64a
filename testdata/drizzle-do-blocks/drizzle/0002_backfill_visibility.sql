-- Data only: posts imported before visibility existed are public.
UPDATE "posts" SET "visibility" = 'public' WHERE "visibility" IS NULL;
