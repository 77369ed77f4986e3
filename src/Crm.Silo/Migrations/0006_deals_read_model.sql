-- The read model of deals and pipelines: written only by their grains (after the grain state is
-- durable), read by boards, lists and reports. Rows carry the grain's version; an older version
-- never overwrites a newer one.
CREATE TABLE IF NOT EXISTS pipelines (
    portal_id   integer NOT NULL,
    id          bigint NOT NULL,
    name        text NOT NULL,
    stages      jsonb NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (portal_id, id)
);

CREATE TABLE IF NOT EXISTS deals (
    portal_id       integer NOT NULL,
    id              bigint NOT NULL,
    pipeline_id     bigint NOT NULL,
    stage_id        text NOT NULL,
    title           text NOT NULL,
    amount          numeric(20, 2) NOT NULL,
    currency        char(3) NOT NULL,
    responsible_id  integer NOT NULL,
    begin_date      date,
    close_date      date,
    comments        text NOT NULL,
    position        double precision NOT NULL,
    is_closed       boolean NOT NULL,
    is_deleted      boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    created_by      integer NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      integer NOT NULL,
    version         bigint NOT NULL,
    search          tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED,
    PRIMARY KEY (portal_id, id)
);

-- Board columns: cards of a stage in order, and the per-stage count and sum.
CREATE INDEX IF NOT EXISTS deals_board ON deals (portal_id, pipeline_id, stage_id, position) INCLUDE (amount, currency) WHERE NOT is_deleted;
-- The list's search box.
CREATE INDEX IF NOT EXISTS deals_search ON deals USING gin (search) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS deal_history (
    portal_id   integer NOT NULL,
    deal_id     bigint NOT NULL,
    version     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    integer NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL,
    PRIMARY KEY (portal_id, deal_id, version)
);
