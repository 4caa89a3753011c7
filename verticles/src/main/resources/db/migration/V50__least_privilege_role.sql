-- MUTT's queries need data access, not ownership: the group role mutt_app holds exactly that, and the login
-- MUTT runs as (DB_USER) is made a member of it when another login (DB_ADMIN_USER) migrates.
-- The role is created when absent and the migrating login may create roles; otherwise a notice says so and
-- the grants are left to the database administrator (docs/SECURITY.md has the statements).

-- The two pieces of DDL MUTT runs while serving (a monthly audit partition, dropping an empty one) go
-- through functions that run with their owner's rights, so the runtime role needs no ownership.
ALTER FUNCTION create_monthly_partition(DATE) SECURITY DEFINER SET search_path = public, pg_temp;

CREATE OR REPLACE FUNCTION drop_audit_partition_if_empty(partition_name TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  has_rows BOOLEAN;
BEGIN
  IF partition_name !~ '^event_audit_log_[0-9]{4}_[0-9]{2}$' OR NOT EXISTS (
       SELECT 1 FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'event_audit_log' AND c.relname = partition_name) THEN
    RAISE EXCEPTION 'not an audit partition: %', partition_name USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
  EXECUTE format('LOCK TABLE event_audit_log, %I IN ACCESS EXCLUSIVE MODE', partition_name);
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', partition_name) INTO has_rows;
  IF has_rows THEN
    RETURN FALSE;
  END IF;
  EXECUTE format('DROP TABLE %I', partition_name);
  RETURN TRUE;
END;
$$;

REVOKE EXECUTE ON FUNCTION create_monthly_partition(DATE) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION drop_audit_partition_if_empty(TEXT) FROM PUBLIC;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutt_app') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      RAISE NOTICE 'role mutt_app is absent and % may not create roles: grants left to the administrator',
        current_user;
      RETURN;
    END IF;
    BEGIN
      CREATE ROLE mutt_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created at the same moment by another database's migration
    END;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO mutt_app', current_database());
  GRANT USAGE ON SCHEMA public TO mutt_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mutt_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO mutt_app;
  GRANT EXECUTE ON FUNCTION create_monthly_partition(DATE) TO mutt_app;
  GRANT EXECUTE ON FUNCTION drop_audit_partition_if_empty(TEXT) TO mutt_app;
  -- tables and partitions the migrating login creates later get the same grants
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mutt_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO mutt_app;
  -- the migration history is the migrating login's alone
  IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
    REVOKE ALL ON TABLE public.flyway_schema_history FROM mutt_app;
  END IF;
END;
$$;
