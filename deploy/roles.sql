-- Samordna: the two database roles and the database (docs/drift.md, "Databasen").
-- Run once as a PostgreSQL superuser:
--   sudo -u postgres psql -v owner_password="'…'" -v app_password="'…'" -f deploy/roles.sql
-- Optional names: -v owner=samordna_owner -v app=samordna_app -v db=samordna
--
-- samordna_owner owns the database and every table; only `manage.py migrate`, `backup` and
-- `restore` use it (DATABASE_OWNER_URL). samordna_app is what the web application runs as
-- (DATABASE_URL): `migrate` grants it read and write on ordinary tables but only SELECT and
-- INSERT on the audit log; not being the owner it cannot TRUNCATE the log or disable its
-- trigger. Neither role is a superuser, and the app role is not a member of the owner role.
\set ON_ERROR_STOP on
\if :{?owner}
\else
  \set owner samordna_owner
\endif
\if :{?app}
\else
  \set app samordna_app
\endif
\if :{?db}
\else
  \set db samordna
\endif

CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :owner_password;
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :app_password;
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"owner";
GRANT CONNECT ON DATABASE :"db" TO :"app";

\connect :"db"
-- Only the owner creates objects; the app role gets its table privileges from `migrate`.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
