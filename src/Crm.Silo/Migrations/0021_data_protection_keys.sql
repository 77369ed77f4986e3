-- ASP.NET Data Protection's key ring, shared by every web node: a sign-in cookie, an antiforgery
-- token or a tracked link made on one node must open on any other, and after a restart.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       text        PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
