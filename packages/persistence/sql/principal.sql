-- byTokenHash (prepared)
SELECT * FROM kim_principal_by_token_hash($1);

