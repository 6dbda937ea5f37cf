-- Free text gets what templates have: a title staff recognise it by, a key instruction the
-- loudspeaker repeats, and an English SMS for residents who read English.
ALTER TABLE broadcast ADD COLUMN title VARCHAR(80);
ALTER TABLE broadcast ADD COLUMN key_instruction VARCHAR(200);
ALTER TABLE broadcast ADD COLUMN free_text_en LONGTEXT;
