ALTER TABLE accounts ADD COLUMN display_name varchar(120);
