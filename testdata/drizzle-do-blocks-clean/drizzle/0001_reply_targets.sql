ALTER TABLE "posts" ADD COLUMN "reply_target_id" uuid;--> statement-breakpoint
DO $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_reply_target_id_posts_id_fk') THEN
    ALTER TABLE "posts" ADD CONSTRAINT "posts_reply_target_id_posts_id_fk" FOREIGN KEY ("reply_target_id") REFERENCES "posts"("id") ON DELETE set null ON UPDATE no action;
  END IF;
END $body$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "posts_account_id_index" ON "posts" ("account_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "avatars" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"image" "bytea" NOT NULL
);
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "avatars" ADD CONSTRAINT "avatars_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
