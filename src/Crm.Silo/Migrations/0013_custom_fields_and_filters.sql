-- Custom field values of every record type, by field code (UF_CRM_n) in canonical text. The GIN
-- index serves equality and "in list" filters (containment); range filters on number, money and
-- date fields get an expression index per field when the field is defined (CustomFieldIndexes).
ALTER TABLE leads ADD COLUMN IF NOT EXISTS custom jsonb NOT NULL DEFAULT '{}';
ALTER TABLE deals ADD COLUMN IF NOT EXISTS custom jsonb NOT NULL DEFAULT '{}';
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS custom jsonb NOT NULL DEFAULT '{}';
ALTER TABLE companies ADD COLUMN IF NOT EXISTS custom jsonb NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS leads_custom ON leads USING gin (custom jsonb_path_ops) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS deals_custom ON deals USING gin (custom jsonb_path_ops) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_custom ON contacts USING gin (custom jsonb_path_ops) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS companies_custom ON companies USING gin (custom jsonb_path_ops) WHERE NOT is_deleted;

-- The list filters people use most: responsible, source, amount, created date (newest first).
CREATE INDEX IF NOT EXISTS leads_by_responsible ON leads (portal_id, responsible_id, id DESC) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_by_source ON leads (portal_id, source_id, id DESC) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_by_amount ON leads (portal_id, amount) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_by_created ON leads (portal_id, created_at) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS deals_by_responsible ON deals (portal_id, responsible_id, id DESC) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_by_responsible ON contacts (portal_id, responsible_id, id DESC) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS companies_by_responsible ON companies (portal_id, responsible_id, id DESC) WHERE NOT is_deleted;
