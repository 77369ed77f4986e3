-- The read model of contacts and companies, written only by their grains. A contact holds its
-- links to companies (company_ids); "the contacts of a company" is a GIN-indexed lookup on them.
CREATE TABLE IF NOT EXISTS contacts (
    portal_id        integer NOT NULL,
    id               bigint NOT NULL,
    first_name       text NOT NULL,
    second_name      text NOT NULL,
    last_name        text NOT NULL,
    type_id          text NOT NULL,
    position         text NOT NULL,
    phones           jsonb NOT NULL,
    emails           jsonb NOT NULL,
    phone_digits     text[] NOT NULL,
    email_addresses  text[] NOT NULL,
    address          jsonb NOT NULL,
    company_ids      bigint[] NOT NULL,
    responsible_id   integer NOT NULL,
    comments         text NOT NULL,
    is_deleted       boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    created_by       integer NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       integer NOT NULL,
    version          bigint NOT NULL,
    search           tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', first_name || ' ' || second_name || ' ' || last_name || ' ' || position)) STORED,
    PRIMARY KEY (portal_id, id)
);
CREATE INDEX IF NOT EXISTS contacts_search ON contacts USING gin (search) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_companies ON contacts USING gin (company_ids) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_phones ON contacts USING gin (phone_digits) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_emails ON contacts USING gin (email_addresses) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS companies (
    portal_id        integer NOT NULL,
    id               bigint NOT NULL,
    title            text NOT NULL,
    type_id          text NOT NULL,
    industry_id      text NOT NULL,
    revenue          numeric(20, 2) NOT NULL,
    currency         char(3) NOT NULL,
    tax_id           text NOT NULL,
    phones           jsonb NOT NULL,
    emails           jsonb NOT NULL,
    phone_digits     text[] NOT NULL,
    email_addresses  text[] NOT NULL,
    address          jsonb NOT NULL,
    responsible_id   integer NOT NULL,
    comments         text NOT NULL,
    is_deleted       boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    created_by       integer NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       integer NOT NULL,
    version          bigint NOT NULL,
    search           tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || tax_id)) STORED,
    PRIMARY KEY (portal_id, id)
);
CREATE INDEX IF NOT EXISTS companies_search ON companies USING gin (search) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS companies_phones ON companies USING gin (phone_digits) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS companies_emails ON companies USING gin (email_addresses) WHERE NOT is_deleted;

CREATE TABLE IF NOT EXISTS contact_history (
    portal_id   integer NOT NULL,
    contact_id  bigint NOT NULL,
    version     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    integer NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL,
    PRIMARY KEY (portal_id, contact_id, version)
);

CREATE TABLE IF NOT EXISTS company_history (
    portal_id   integer NOT NULL,
    company_id  bigint NOT NULL,
    version     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    integer NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL,
    PRIMARY KEY (portal_id, company_id, version)
);
