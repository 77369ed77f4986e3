-- Lead list indexes measured over a million leads (BENCHMARKS.md, lists; bench/Crm.Bench --lists).

-- A status filter in the list's default order (by id): the board's index orders a status by creation
-- time instead, so the list walked the primary key and skipped other statuses' rows; statuses
-- cluster by age (old leads are converted or junk), which made "NEW, by id" read most of the table.
CREATE INDEX IF NOT EXISTS leads_by_status_id ON leads (portal_id, status_id, id) WHERE NOT is_deleted;

-- A creation-time range sorted by id is answered by finding the range's ids first (ids grow with
-- creation time, so walking the id index to the range reads everything before it): with the id in
-- the index that needs no table rows. Replaces leads_by_created of 0013.
CREATE INDEX IF NOT EXISTS leads_by_created_id ON leads (portal_id, created_at) INCLUDE (id) WHERE NOT is_deleted;
DROP INDEX IF EXISTS leads_by_created;
