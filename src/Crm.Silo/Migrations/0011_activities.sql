-- Activities (calls, meetings, logged e-mails, tasks), each belonging to one lead, deal, contact or
-- company: "my activities" read them by responsible and deadline, a record's card by owner.
CREATE TABLE IF NOT EXISTS activities (
    portal_id       integer NOT NULL,
    id              bigint NOT NULL,
    type            text NOT NULL,
    subject         text NOT NULL,
    description     text NOT NULL,
    responsible_id  integer NOT NULL,
    owner_kind      text NOT NULL,
    owner_id        bigint NOT NULL,
    deadline        timestamptz,
    done            boolean NOT NULL,
    is_deleted      boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    created_by      integer NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      integer NOT NULL,
    version         bigint NOT NULL,
    PRIMARY KEY (portal_id, id)
);
CREATE INDEX IF NOT EXISTS activities_mine ON activities (portal_id, responsible_id, deadline NULLS LAST, id) WHERE NOT is_deleted AND NOT done;
CREATE INDEX IF NOT EXISTS activities_owner ON activities (portal_id, owner_kind, owner_id) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS activity_history (
    portal_id    integer NOT NULL,
    activity_id  bigint NOT NULL,
    version      bigint NOT NULL,
    at           timestamptz NOT NULL,
    actor_id     integer NOT NULL,
    action       text NOT NULL,
    changes      jsonb NOT NULL,
    PRIMARY KEY (portal_id, activity_id, version)
);
