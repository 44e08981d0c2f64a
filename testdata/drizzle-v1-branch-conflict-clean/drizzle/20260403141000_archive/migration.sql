ALTER TABLE "projects" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;
