-- Data of the backtest benchmark (scripts/bench/backtest.sh), run by psql in a fresh database MUTT has migrated.
-- Variables: rules (current active rules), events (audit rows), since / until (the range, ISO instants),
-- hosts (distinct hostnames). Everything is deterministic: the same variables give the same rows.
--
-- Rules follow pipeline's BenchmarkData (RuleMatchBenchmark): ~60 % contains rules on Cisco-style mnemonics
-- (%LINK-3-UPDOWN-<id>), ~25 % regex rules in four operator-style shapes, ~15 % OID-prefix rules.
-- Events: 80 % were built to hit a random rule (its audit row names it), 20 % are background lines that matched
-- nothing and were audited while AUDIT_UNHANDLED was on; a quarter of those carry mnemonics of devices no rule
-- knows yet (ids above the current rules), which the draft's added rules pick up.
\set ON_ERROR_STOP on

CREATE OR REPLACE FUNCTION pg_temp.h(x bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT hashint8(x * 1000003 + salt) & 2147483647 $$;
CREATE OR REPLACE FUNCTION pg_temp.fac(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['LINK','LINEPROTO','BGP','OSPF','SYS','SEC','DOT1X','STORM_CONTROL','PLATFORM_ENV','PIX','ASA',
                'AUTHMGR','SNMP','CDP','SPANTREE','DHCP_SNOOPING','IP','TCP','ILPOWER','ENVMON','HSRP','EIGRP',
                'LACP','DUAL','PM'])[n % 25 + 1] $$;
CREATE OR REPLACE FUNCTION pg_temp.mnem(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['UPDOWN','CHANGED','ADJCHANGE','NOTIFICATION','CONFIG_I','RESTART','FAIL','ERR','DUPADDR',
                'SHUTDOWN','FRU_PS_FAIL','NBRCHANGE','IPACCESSLOGP','LOGIN_FAILED','AUTHFAIL','STATECHANGE',
                'ERR_DISABLE','POWER_DENY'])[n % 18 + 1] $$;
CREATE OR REPLACE FUNCTION pg_temp.app(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['sshd','named','dhcpd','haproxy','radiusd','mysqld','kernel','bacula-dir','php-fpm','tomcat',
                'vpxa','hostd','snort','ntpd','crond'])[n % 15 + 1] $$;
CREATE OR REPLACE FUNCTION pg_temp.tail(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['Interface GigabitEthernet0/0/1, changed state to down',
                'Line protocol on Interface TenGigabitEthernet1/1/4, changed state to up',
                'Neighbor 10.1.2.3 (Vlan200) is Down: Interface down',
                'Configured from console by admin on vty0',
                'Deny tcp src outside:203.0.113.45/4431 dst inside:192.168.10.5/443 by access-group',
                'connection reset by peer while reading response header from upstream',
                'Failed password for invalid user oracle from 198.51.100.7 port 52144 ssh2',
                'temperature sensor 3 reading 71C exceeds warning threshold',
                'backup job 4411 finished OK'])[n % 9 + 1] $$;
-- sw-017.dc2.example.net, fw-003.lon.example.net, ...; one host in 20 is a development host.
CREATE OR REPLACE FUNCTION pg_temp.host(k int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN k % 20 = 0 THEN 'dev-' ELSE '' END
         || (ARRAY['sw','rtr','fw','lb','db','app','esx','ap'])[k % 8 + 1] || '-' || lpad((k / 8)::text, 3, '0')
         || '.' || (ARRAY['dc1','dc2','lon','nyc','fra'])[k % 5 + 1] || '.example.net' $$;
-- A line satisfying whichever of the four regex shapes rule n has (BenchmarkData.regexHit).
CREATE OR REPLACE FUNCTION pg_temp.regex_hit(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.app(n) || n || '[42]: read error; %' || pg_temp.fac(n) || '-3-' || pg_temp.mnem(n) || '-' || n
         || ': Interface Gi0/1; GigabitEthernet1/0/' || n || ' changed state to down; backup job ' || n
         || ' failed with code 7' $$;

-- The mnemonic of a device type no current rule knows (n > rules); the draft adds rules for some of them.
CREATE OR REPLACE FUNCTION pg_temp.new_device(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT '%' || pg_temp.fac(n) || '-3-' || pg_temp.mnem(n) || '-' || n $$;

-- Current configuration: the rules, the development hosts, a team per device for a fifth of the hosts.
INSERT INTO alert_rules (id, match_string, trap_oid, syslog_severity, match_type, priority, prod_handling,
                         dev_handling, team_assignment, is_active)
SELECT id,
       CASE WHEN kind < 60 THEN '%' || pg_temp.fac(id) || '-' || (id % 8) || '-' || pg_temp.mnem(id / 25) || '-' || id
            WHEN kind < 85 THEN
              CASE shape
                WHEN 0 THEN '%' || pg_temp.fac(id) || '-\d-' || pg_temp.mnem(id) || '-' || id || ': Interface (Gi|Te)\S+'
                WHEN 1 THEN '^' || pg_temp.app(id) || id || '\[\d+\]: .*(error|fail)'
                WHEN 2 THEN '(?P<iface>GigabitEthernet\d+/\d+/' || id || ') changed state to (down|up)'
                ELSE 'backup job ' || id || ' (failed|error)( with code \d+)?' END
       END,
       CASE WHEN kind >= 85 THEN '.1.3.6.1.4.1.' || (id % 97) || '.' || (id % 13) || '.' || id END,
       CASE WHEN kind < 85 AND pg_temp.h(id, 3) % 10 = 0 THEN pg_temp.h(id, 4) % 8 END,
       CASE WHEN kind < 60 THEN 'contains' WHEN kind < 85 THEN 'regex' ELSE 'oid_prefix' END,
       10 + pg_temp.h(id, 5) % 200,
       CASE WHEN kind < 60 THEN 'Ticket_only' WHEN kind < 85 THEN 'Page_only' ELSE 'Page_and_ticket' END,
       'Ignore',
       (ARRAY['NETO','NetOps','Security','DBA','Platform','Storage'])[id % 6 + 1],
       true
  FROM (SELECT id, pg_temp.h(id, 1) % 100 AS kind, pg_temp.h(id, 2) % 4 AS shape
          FROM generate_series(1, :rules) id) g;
SELECT setval(pg_get_serial_sequence('alert_rules', 'id'), (SELECT max(id) FROM alert_rules));
INSERT INTO development_hosts (hostname) SELECT pg_temp.host(k) FROM generate_series(0, :hosts - 1, 20) k
  ON CONFLICT DO NOTHING;
INSERT INTO device_teams (hostname, team_assignment)
  SELECT pg_temp.host(k), (ARRAY['NETO','NetOps','Security','DBA'])[k % 4 + 1] FROM generate_series(1, :hosts - 1, 5) k
  ON CONFLICT DO NOTHING;

-- The monthly partitions the range touches (MUTT itself creates the current and the next month).
SELECT create_monthly_partition(m::date)
  FROM generate_series(date_trunc('month', :'since'::timestamptz AT TIME ZONE 'UTC'),
                       :'until'::timestamptz AT TIME ZONE 'UTC', interval '1 month') m;

-- The audit log: rows in time order, as the alerter writes them. Foreign-key triggers are skipped for the bulk
-- load (every matched_rule_id names a rule inserted above).
SET session_replication_role = replica;
INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision, forwarded_to_moog,
                             raw_message, event_id)
SELECT e.ts, e.host, e.rule_id,
       CASE WHEN e.rule_id IS NULL THEN 'unhandled' WHEN e.dev THEN r.dev_handling ELSE r.prod_handling END,
       e.rule_id IS NOT NULL AND NOT e.dev,
       json_strip_nulls(json_build_object(
         'hostname', e.host,
         'message', CASE WHEN e.rule_id IS NULL THEN e.background
                         WHEN r.match_type = 'contains' THEN '<189>' || r.match_string || ': ' || pg_temp.tail(e.i)
                         WHEN r.match_type = 'regex' THEN pg_temp.regex_hit(r.id)
                         ELSE e.background END,
         'trap_oid', CASE WHEN r.match_type = 'oid_prefix' THEN substr(r.trap_oid, 2) || '.0.1' END,
         'syslog_severity', coalesce(r.syslog_severity::text,
                                     (ARRAY['Notice','Warning','Error','Info'])[e.i % 4 + 1]),
         'source', CASE WHEN r.match_type = 'oid_prefix' THEN 'snmp' ELSE 'syslog' END,
         'timestamp', to_char(e.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         '_correlation_id', 'c' || lpad(to_hex(e.i), 8, '0') || '-' || lpad(to_hex(pg_temp.h(e.i, 7)), 8, '0'),
         '_ingested_at', to_char(e.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text,
       'bt-' || e.i
  FROM (SELECT i,
               :'since'::timestamptz + (i - 1) * ((:'until'::timestamptz - :'since'::timestamptz) / :events) AS ts,
               pg_temp.host(pg_temp.h(i, 8) % :hosts) AS host,
               pg_temp.h(i, 8) % :hosts % 20 = 0 AS dev,
               CASE WHEN i % 5 <> 0 THEN pg_temp.h(i, 9) % :rules + 1 END AS rule_id,
               CASE WHEN i % 20 = 0 THEN pg_temp.new_device(:rules + 1 + pg_temp.h(i, 10) % 1000) || ': ' || pg_temp.tail(i)
                    WHEN pg_temp.h(i, 11) % 2 = 0
                      THEN '%' || pg_temp.fac(i) || '-' || (i % 8) || '-' || pg_temp.mnem(i / 7) || ': ' || pg_temp.tail(i / 3)
                    ELSE pg_temp.app(i) || '[' || (1000 + i % 9000) || ']: ' || pg_temp.tail(i / 3) END AS background
          FROM generate_series(1, :events) i) e
  LEFT JOIN alert_rules r ON r.id = e.rule_id;
SET session_replication_role = origin;
VACUUM ANALYZE event_audit_log;
VACUUM ANALYZE alert_rules;

-- The draft (written to the file named by the variable draft): change_count current rules changed (a third
-- each: another team, prod_handling Ignore, priority 1 so that they win over overlapping rules), remove_count
-- removed, add_count added for the unknown device types (7 in 10 contains, 3 in 10 regex), a silence on the
-- London firewalls for the range's second day and a weekend-night maintenance window on the database hosts.
\pset tuples_only on
\pset format unaligned
\o :draft
SELECT json_build_object(
  'rules', json_build_object(
    'change', (SELECT coalesce(json_agg(CASE k % 3
                 WHEN 0 THEN json_build_object('id', id, 'team_assignment', 'NOC')
                 WHEN 1 THEN json_build_object('id', id, 'prod_handling', 'Ignore')
                 ELSE json_build_object('id', id, 'priority', 1) END ORDER BY k), '[]')
                 FROM (SELECT k, 1 + k * (:rules / :change_count) AS id FROM generate_series(0, :change_count - 1) k) c),
    'remove', (SELECT coalesce(json_agg(3 + k * (:rules / :remove_count) ORDER BY k), '[]')
                 FROM generate_series(0, :remove_count - 1) k),
    'add', (SELECT coalesce(json_agg(json_build_object(
                 'match_type', CASE WHEN k % 10 < 7 THEN 'contains' ELSE 'regex' END,
                 'match_string', CASE WHEN k % 10 < 7 THEN pg_temp.new_device(:rules + 1 + k)
                                      ELSE '%' || pg_temp.fac(:rules + 1 + k) || '-\d-' || pg_temp.mnem(:rules + 1 + k)
                                           || '-' || (:rules + 1 + k) || ': (Interface|Line protocol|Neighbor) ' END,
                 'priority', 50, 'prod_handling', 'Ticket_only', 'dev_handling', 'Ignore',
                 'team_assignment', (ARRAY['NETO','NetOps','Security'])[k % 3 + 1]) ORDER BY k), '[]')
              FROM generate_series(0, :add_count - 1) k)),
  'silences', json_build_object('add', json_build_array(json_build_object(
    'matchers', json_build_array(json_build_object('kind', 'hostname_glob', 'value', 'fw-*.lon.example.net')),
    'starts_at', to_char((:'since'::timestamptz + interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'expires_at', to_char((:'since'::timestamptz + interval '2 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'author', 'bench', 'comment', 'firewall upgrade'))),
  'windows', json_build_object('add', json_build_array(json_build_object(
    'name', 'DB patching', 'effect', 'suppress',
    'matchers', json_build_array(json_build_object('kind', 'hostname_glob', 'value', 'db-*')),
    'schedule', json_build_object('type', 'weekly', 'days', json_build_array('sat', 'sun'), 'from', '00:00',
                                  'to', '06:00', 'time_zone', 'Europe/Paris')))));
\o
