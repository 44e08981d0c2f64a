CREATE TYPE "public"."WorkspaceType" AS ENUM('Root', 'Child');--> statement-breakpoint
CREATE TABLE "Workspace" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "WorkspaceType" DEFAULT 'Root' NOT NULL,
	"slug" varchar(40) NOT NULL,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "auth"."users"("id") ON DELETE no action ON UPDATE no action;
