-- 0004: Orleans reminder table for Microsoft.Orleans.Reminders.AdoNet (Invariant "Npgsql").
--
-- Used by UseAdoNetReminderService(...). Requires 0001 (orleansquery).
-- Idempotent: safe to run more than once.
--
-- Contract with the provider (Orleans 10.4.x):
--   * keys ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key,
--     UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey (all required);
--   * parameters: @ServiceId, @GrainId, @ReminderName, @StartTime, @Period (milliseconds,
--     sent as int or bigint), @GrainHash, @BeginHash, @EndHash (uint hashes sent as signed
--     int), @Version;
--   * reads return grainid, remindername, starttime, period, version (by name);
--   * the upsert returns the new version in a column named version;
--   * the single-row delete returns one column, > 0 when the row (with that version) was removed.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT orleansreminderstable_pk PRIMARY KEY (serviceid, grainid, remindername)
);

-- Each silo periodically loads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS orleansreminderstable_hash_ix
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName;
$q$),

-- Hash range that does not wrap: (begin, end].
('ReadRangeRows1Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash
       AND grainhash <= @EndHash;
$q$),

-- Hash range that wraps around: (begin, max] plus [min, end].
('ReadRangeRows2Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- New reminders start at version 0; every re-registration bumps the version (the ETag).
('UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable AS r
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
       SET starttime = EXCLUDED.starttime,
           period = EXCLUDED.period,
           grainhash = EXCLUDED.grainhash,
           version = r.version + 1
    RETURNING r.version AS version;
$q$),

('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId
           AND grainid = @GrainId
           AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM removed;
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
