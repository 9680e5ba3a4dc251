-- refreshViews
SELECT kim_refresh_board_views();

-- refreshWorkMem
SET LOCAL work_mem = '128MB';

-- tryLockRefresh
SELECT pg_try_advisory_xact_lock(hashtext('kim-board-refresh')) AS ok;

