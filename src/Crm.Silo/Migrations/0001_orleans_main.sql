-- 0001: query catalogue for the Orleans ADO.NET providers (clustering, grain storage, reminders).
--
-- The providers ship no SQL of their own: at start-up each one runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards only executes the texts it finds there, binding parameters by name
-- (@DeploymentId, @ServiceId, ...) and reading result columns by name.
-- Scripts 0002-0004 fill this table; a row can be rewritten at any time (the
-- providers cache the texts, so restart silos/clients after changing a row).
-- Identifiers are lowercase and unquoted, so OrleansQuery/QueryKey/QueryText fold to these names.
-- Idempotent: safe to run more than once.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey)
);
