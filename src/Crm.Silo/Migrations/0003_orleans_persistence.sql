-- 0003: Orleans grain state storage for Microsoft.Orleans.Persistence.AdoNet (Invariant "Npgsql").
--
-- Used by AddAdoNetGrainStorage(...). Requires 0001 (orleansquery). PostgreSQL 15+ (NULLS NOT DISTINCT).
-- Idempotent: safe to run more than once.
--
-- Contract with the provider (Orleans 10.4.x):
--   * keys WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (required) and
--     DeleteStorageKey (needed only with DeleteStateOnClear = true);
--   * parameters: @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
--     @GrainIdExtensionString (NULL for keys without extension), @ServiceId,
--     @GrainStateVersion (NULL when the grain has never been stored) and @PayloadBinary;
--   * reads return payloadbinary and version (by name); a NULL payload means "no state";
--   * writes return newgrainstateversion; clear/delete return the new version as the first
--     column. No row, NULL, or an unchanged version is reported to the grain as an
--     InconsistentStateException (ETag conflict).
-- The grain identity is (serviceid, graintypestring, grainidn0, grainidn1,
-- grainidextensionstring); the two hashes only narrow the index search.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidextensionstring text        NULL,
    serviceid              text        NOT NULL,
    payloadbinary          bytea       NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL
);

-- One row per grain. The string parts go in as md5() so that very long grain keys cannot
-- exceed the btree entry size; a NULL extension counts as a value of its own.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_grain_ux
    ON orleansstorage (serviceid, grainidhash, graintypehash, grainidn0, grainidn1,
                       md5(graintypestring), md5(grainidextensionstring))
    NULLS NOT DISTINCT;

-- Stores a grain state.
--   p_expected_version NULL -> first write: insert version 1 unless a row already exists;
--   otherwise              -> overwrite only if the stored version still equals it.
-- Returns the new version, or NULL when nothing was written (version conflict).
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_id_ext     text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    v_new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO v_new_version;
    ELSE
        UPDATE orleansstorage
           SET payloadbinary = p_payload,
               modifiedon = now(),
               version = version + 1
         WHERE serviceid = p_service_id
           AND grainidhash = p_grain_id_hash
           AND graintypehash = p_grain_type_hash
           AND grainidn0 = p_grain_id_n0
           AND grainidn1 = p_grain_id_n1
           AND graintypestring = p_grain_type
           AND grainidextensionstring IS NOT DISTINCT FROM p_grain_id_ext
           AND version = p_expected_version
        RETURNING version INTO v_new_version;
    END IF;
    RETURN v_new_version;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES

('WriteToStorageKey', $q$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary
    ) AS newgrainstateversion;
$q$),

('ReadFromStorageKey', $q$
    SELECT payloadbinary, version
      FROM orleansstorage
     WHERE serviceid = @ServiceId
       AND grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- Clear keeps the row (payload NULL) and bumps the version, so the ETag stays meaningful.
('ClearStorageKey', $q$
    UPDATE orleansstorage
       SET payloadbinary = NULL,
           modifiedon = now(),
           version = version + 1
     WHERE serviceid = @ServiceId
       AND grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version AS newgrainstateversion;
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear = true. Returns old version + 1
-- so the provider sees a changed version; it then forgets the ETag.
('DeleteStorageKey', $q$
    DELETE FROM orleansstorage
     WHERE serviceid = @ServiceId
       AND grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version + 1 AS newgrainstateversion;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
