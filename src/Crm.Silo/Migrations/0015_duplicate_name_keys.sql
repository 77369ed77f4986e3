-- Duplicate search compares names (a person's first and last name, a company's name) ignoring case.
-- These indexes serve those comparisons, one name or a batch of names (an import checks thousands
-- of rows at once), as phone_digits and email_addresses are served by their GIN indexes. The
-- expressions must stay those of DuplicateQueries and DuplicateCandidates.
CREATE INDEX IF NOT EXISTS leads_person_names ON leads (portal_id, lower(trim(first_name || ' ' || last_name))) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS leads_company_names ON leads (portal_id, lower(company_name)) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS contacts_person_names ON contacts (portal_id, lower(trim(first_name || ' ' || last_name))) WHERE NOT is_deleted;
CREATE INDEX IF NOT EXISTS companies_names ON companies (portal_id, lower(title)) WHERE NOT is_deleted;
