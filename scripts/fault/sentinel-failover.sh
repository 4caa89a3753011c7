#!/usr/bin/env bash
# Sentinel failover under load (docs/OPERATIONS.md, "Redis Sentinel"). Each run starts its own Redis processes on
# free loopback ports (one master, one replica, three sentinels; Debian's redis-server) and MUTT with every role
# in one JVM (REDIS_MODE=sentinel, REDIS_MIN_REPLICA_ACKS=1, the Moogsoft stand-in), floods EVENTS distinct events
# through /api/v2/ingest (batches of 20, 8 in flight, refused batches sent again), kills the master with -9 when
# half are acknowledged, and counts accepted / delivered / duplicated / lost and the seconds until a request sent
# after the kill is acknowledged. Nothing touches the machine's Redis on 6379; everything is stopped after a run.
#
#   scripts/fault/sentinel-failover.sh              # 5 runs of 40,000 events
#   RUNS=1 EVENTS=10000 scripts/fault/sentinel-failover.sh
#
# Exit status 0 iff every run lost no acknowledged event and wrote again within 10 s (SentinelFailoverTest).
exec "$(dirname "${BASH_SOURCE[0]}")/failover.sh" io.mutt.redis.SentinelFailoverTest \
  killing_the_master_mid_flood_loses_nothing_acknowledged sentinel-failover
