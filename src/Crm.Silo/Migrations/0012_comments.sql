-- Timeline comments: records of their own (commenting never conflicts with editing the record),
-- shown on the timeline of the record they belong to.
CREATE TABLE IF NOT EXISTS comments (
    portal_id   integer NOT NULL,
    id          bigint NOT NULL,
    owner_kind  text NOT NULL,
    owner_id    bigint NOT NULL,
    text        text NOT NULL,
    is_deleted  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    created_by  integer NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  integer NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (portal_id, id)
);
CREATE INDEX IF NOT EXISTS comments_owner ON comments (portal_id, owner_kind, owner_id) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS comment_history (
    portal_id   integer NOT NULL,
    comment_id  bigint NOT NULL,
    version     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    integer NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL,
    PRIMARY KEY (portal_id, comment_id, version)
);
