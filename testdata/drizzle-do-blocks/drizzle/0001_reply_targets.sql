ALTER TABLE "posts" ADD COLUMN "reply_target_id" uuid;--> statement-breakpoint
DO $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_reply_target_id_posts_id_fk') THEN
    ALTER TABLE "posts" ADD CONSTRAINT "posts_reply_target_id_posts_id_fk" FOREIGN KEY ("reply_target_id") REFERENCES "posts"("id") ON DELETE set null ON UPDATE no action;
  END IF;
END $body$;
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "quote_target_id" uuid;--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT posts_quote_fk FOREIGN KEY (quote_target_id) REFERENCES posts(id)', 'posts'); -- expect: construct-not-understood
END $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "posts_account_id_index" ON "posts" ("account_id");
