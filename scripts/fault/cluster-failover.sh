#!/usr/bin/env bash
# Redis Cluster failover under load (docs/OPERATIONS.md, "Redis Cluster"). Each run starts its own cluster on free
# loopback ports (three masters with a replica each, made with redis-cli --cluster create; Debian's redis-server)
# and MUTT with every role in one JVM (REDIS_MODE=cluster, MUTT_KEY_PREFIX={mutt}, REDIS_MIN_REPLICA_ACKS=1, the
# Moogsoft stand-in), floods EVENTS distinct events, kills the master that holds MUTT's slot with -9 when half are
# acknowledged, and counts accepted / delivered / duplicated / lost and the seconds until writes are acknowledged
# again. Nothing touches the machine's Redis on 6379; everything is stopped after a run.
#
#   scripts/fault/cluster-failover.sh               # 1 run of 40,000 events
#   RUNS=5 scripts/fault/cluster-failover.sh
#
# Exit status 0 iff every run lost no acknowledged event and the flood completed (ClusterFailoverTest).
RUNS=${RUNS:-1} exec "$(dirname "${BASH_SOURCE[0]}")/failover.sh" io.mutt.redis.ClusterFailoverTest \
  killing_the_master_of_mutts_slot_mid_flood_loses_nothing_acknowledged cluster-failover
