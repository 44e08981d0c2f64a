UPDATE "boards" SET "title" = trim("title");
