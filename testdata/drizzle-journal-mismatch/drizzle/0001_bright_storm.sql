ALTER TYPE "public"."plan" ADD VALUE 'enterprise';--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "invited_at" timestamp;--> statement-breakpoint
ALTER TABLE "workspaces" RENAME COLUMN "name" TO "display_name";
