-- Open-channel chat: one row per conversation, written by its grain; operators' queue reads it.
-- `data` holds the whole conversation (messages included); the columns are what the queue sorts
-- and filters on.
CREATE TABLE IF NOT EXISTS chat_conversations (
    portal_id        integer     NOT NULL,
    id               bigint      NOT NULL,
    channel          text        NOT NULL,
    visitor_key      text        NOT NULL,
    visitor_name     text        NOT NULL,
    record_kind      text        NULL,
    record_id        bigint      NULL,
    operator_id      integer     NULL,
    is_closed        boolean     NOT NULL,
    last_message_at  timestamptz NOT NULL,
    unread_by_operator integer   NOT NULL,
    version          bigint      NOT NULL,
    data             jsonb       NOT NULL,
    PRIMARY KEY (portal_id, id)
);
CREATE INDEX IF NOT EXISTS chat_conversations_queue ON chat_conversations (portal_id, is_closed, last_message_at DESC);
