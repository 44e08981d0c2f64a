ALTER TABLE "projects" ALTER COLUMN "name" SET DATA TYPE varchar(120);
