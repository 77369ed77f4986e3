-- Deals name their client company and contacts. A company's deals are those naming it, and those
-- naming one of its contacts (found through contacts.company_ids).
ALTER TABLE deals ADD COLUMN IF NOT EXISTS company_id bigint;
ALTER TABLE deals ADD COLUMN IF NOT EXISTS contact_ids bigint[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS deals_company ON deals (portal_id, company_id) WHERE NOT is_deleted AND company_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS deals_contacts ON deals USING gin (contact_ids) WHERE NOT is_deleted;
