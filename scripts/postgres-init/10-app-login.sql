-- docker-compose: run once by the postgres image when it creates the database (an empty
-- volume). The login of gateway and worker is only a member of kim_app, as docs/privacy.md asks
-- for production: row-level security cannot be left even by injected SQL. The owner (POSTGRES_USER)
-- stays with migrations (the gateway's MIGRATION_DATABASE_URL) and the demo seed. The first
-- migration finds kim_app here and grants it what the application may do. Change the password
-- (here and in DATABASE_URL) for anything but a demo.
CREATE ROLE kim_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE kim_service LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'kim-service' IN ROLE kim_app;
