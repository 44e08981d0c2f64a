ALTER TABLE "tasks" ADD COLUMN "estimate" integer;
