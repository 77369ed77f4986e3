-- A robot that notifies someone may run again after a crash between notifying and recording that it
-- ran: the notification then carries the job's key, and the second insert finds the first.
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS dedupe_key text NULL;
CREATE UNIQUE INDEX IF NOT EXISTS notifications_dedupe ON notifications (portal_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
