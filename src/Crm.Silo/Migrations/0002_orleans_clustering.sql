-- 0002: Orleans cluster membership for Microsoft.Orleans.Clustering.AdoNet (Invariant "Npgsql").
--
-- Used by silos (UseAdoNetClustering) and by external clients (gateway discovery).
-- Requires 0001 (orleansquery). Idempotent: safe to run more than once.
--
-- Contract with the provider (Orleans 10.4.x):
--   * every key below must exist in orleansquery, except CleanupDefunctSiloEntryKey which is
--     optional but, when present, is preferred for pruning dead silos;
--   * parameters: @DeploymentId (= ClusterId), @Address, @Port, @Generation, @SiloName,
--     @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime, @Version;
--   * membership reads must return the columns address, port, generation, siloname, hostname,
--     status, proxyport, suspecttimes, starttime, iamalivetime and version (read by name),
--     one row per silo plus the version row even when no silo row matches;
--   * conditional writes return ONE column that is > 0 on success and 0 on failure
--     (a failed write must leave both tables untouched).
-- Times are timestamptz: the provider sends UTC DateTime values.

-- One row per cluster: the membership table version (optimistic concurrency token).
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid text        NOT NULL,
    timestamp    timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT orleansmembershipversiontable_pk PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation (address, port, generation) of a cluster.
CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL DEFAULT 0,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    CONSTRAINT orleansmembershiptable_pk PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT orleansmembershiptable_version_fk FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo row, but only while the caller's table version is still current.
-- The version row is locked first, so concurrent writers serialise on it and a stale
-- version simply finds nothing. Returns 1 on success, 0 when nothing was changed.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
      FROM orleansmembershipversiontable
     WHERE deploymentid = p_deployment_id
       AND version = p_version
       AND version < 2147483647
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, starttime, iamalivetime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- this silo incarnation is already registered
    END IF;

    UPDATE orleansmembershipversiontable
       SET version = version + 1,
           timestamp = now()
     WHERE deploymentid = p_deployment_id;
    RETURN 1;
END
$$;

-- Changes status / suspicions / heartbeat of an existing silo row under the same
-- table-version check as the insert. A heartbeat never moves backwards.
-- Returns 1 on success, 0 when nothing was changed.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
      FROM orleansmembershipversiontable
     WHERE deploymentid = p_deployment_id
       AND version = p_version
       AND version < 2147483647
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleansmembershiptable
       SET status = p_status,
           suspecttimes = p_suspect_times,
           iamalivetime = GREATEST(iamalivetime, p_i_am_alive)
     WHERE deploymentid = p_deployment_id
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- no such silo row
    END IF;

    UPDATE orleansmembershipversiontable
       SET version = version + 1,
           timestamp = now()
     WHERE deploymentid = p_deployment_id;
    RETURN 1;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the version row of a cluster if missing; 1 = created, 0 = already there.
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid, timestamp, version)
        VALUES (@DeploymentId, now(), 0)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM created;
$q$),

('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count;
$q$),

('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version) AS row_count;
$q$),

-- Heartbeat: not versioned, result not checked by Orleans.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation;
$q$),

-- The version row always comes back (LEFT JOIN); silo columns are NULL when the silo is unknown.
('MembershipReadRowKey', $q$
    SELECT v.deploymentid,
           m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
           v.version
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
            AND m.address = @Address
            AND m.port = @Port
            AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
    SELECT v.deploymentid,
           m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
           v.version
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
$q$),

-- Active (status 3) silos that accept client connections; used by Orleans clients.
('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0;
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Bulk pruning, only used when CleanupDefunctSiloEntryKey is absent: dead (status 6) rows
-- whose start and last heartbeat are both older than the cut-off and that carry no suspicions.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = 6
       AND starttime < @IAmAliveTime
       AND iamalivetime < @IAmAliveTime
       AND COALESCE(suspecttimes, '') = '';
$q$),

-- Per-row pruning (preferred by Orleans 10.4+): the provider picks the dead rows itself and
-- deletes each one only if it still holds exactly the values it saw.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND status = 6
       AND starttime = @StartTime
       AND iamalivetime = @IAmAliveTime
       AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
