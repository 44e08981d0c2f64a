ALTER TABLE "cards" ADD COLUMN "body" text;
