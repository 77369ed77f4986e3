-- Leave room in each page so that rewriting a row in place (a HOT update) is possible. Grain state
-- rows change on every command without touching an indexed column: with room in the page, PostgreSQL
-- updates them without adding index entries, which halves the cost of a grain write under load.
ALTER TABLE orleansstorage SET (fillfactor = 50);
