ALTER TABLE "boards" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;
