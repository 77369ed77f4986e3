-- Phones are matched on their last 8 digits (ContactPoints.PhoneKey), so that the international
-- and national forms of a number find each other; rows projected before keep the old keys until
-- rewritten here.
UPDATE leads SET phone_digits = ARRAY(SELECT right(replace(d, '+', ''), 8) FROM unnest(phone_digits) d)
WHERE EXISTS (SELECT 1 FROM unnest(phone_digits) d WHERE length(replace(d, '+', '')) > 8 OR d LIKE '+%');
UPDATE contacts SET phone_digits = ARRAY(SELECT right(replace(d, '+', ''), 8) FROM unnest(phone_digits) d)
WHERE EXISTS (SELECT 1 FROM unnest(phone_digits) d WHERE length(replace(d, '+', '')) > 8 OR d LIKE '+%');
UPDATE companies SET phone_digits = ARRAY(SELECT right(replace(d, '+', ''), 8) FROM unnest(phone_digits) d)
WHERE EXISTS (SELECT 1 FROM unnest(phone_digits) d WHERE length(replace(d, '+', '')) > 8 OR d LIKE '+%');
