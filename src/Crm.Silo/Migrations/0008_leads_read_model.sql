-- The read model of leads: written only by the lead grains (after the grain state is durable), read
-- by the lead list, the lead board and duplicate search. Rows carry the grain's version; an older
-- version never overwrites a newer one.
CREATE TABLE IF NOT EXISTS leads (
    portal_id           integer NOT NULL,
    id                  bigint NOT NULL,
    status_id           text NOT NULL,
    title               text NOT NULL,
    first_name          text NOT NULL,
    second_name         text NOT NULL,
    last_name           text NOT NULL,
    company_name        text NOT NULL,
    phones              jsonb NOT NULL,
    emails              jsonb NOT NULL,
    -- Normalised forms (digits of phones, lower-case e-mails) for duplicate search.
    phone_digits        text[] NOT NULL,
    email_addresses     text[] NOT NULL,
    source_id           text NOT NULL,
    source_description  text NOT NULL,
    utm_source          text NOT NULL,
    utm_medium          text NOT NULL,
    utm_campaign        text NOT NULL,
    utm_content         text NOT NULL,
    utm_term            text NOT NULL,
    amount              numeric(20, 2) NOT NULL,
    currency            char(3) NOT NULL,
    responsible_id      integer NOT NULL,
    comments            text NOT NULL,
    is_deleted          boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    created_by          integer NOT NULL,
    updated_at          timestamptz NOT NULL,
    updated_by          integer NOT NULL,
    version             bigint NOT NULL,
    search              tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', title || ' ' || first_name || ' ' || last_name || ' ' || company_name)) STORED,
    PRIMARY KEY (portal_id, id)
);

-- The lead board and the list's default order: a status's leads, newest first.
CREATE INDEX IF NOT EXISTS leads_by_status ON leads (portal_id, status_id, created_at DESC, id DESC) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_search ON leads USING gin (search) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_phones ON leads USING gin (phone_digits) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_emails ON leads USING gin (email_addresses) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS lead_history (
    portal_id   integer NOT NULL,
    lead_id     bigint NOT NULL,
    version     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    integer NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL,
    PRIMARY KEY (portal_id, lead_id, version)
);
