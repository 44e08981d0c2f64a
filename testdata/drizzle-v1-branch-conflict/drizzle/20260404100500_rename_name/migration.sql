-- Generated on another branch from the same snapshot, renaming the column the other changes. -- expect: migration-history-conflict
ALTER TABLE "projects" RENAME COLUMN "name" TO "title";
