ALTER TABLE "posts" ADD COLUMN "reply_target_id" uuid;--> statement-breakpoint
DO $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_reply_target_id_posts_id_fk') THEN
    ALTER TABLE "posts" ADD CONSTRAINT "posts_reply_target_id_posts_id_fk" FOREIGN KEY ("reply_target_id") REFERENCES "posts"("id") ON DELETE set null ON UPDATE no action;
  END IF;
END $body$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "posts_account_id_index" ON "posts" ("account_id");
