package io.mutt.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.config.MuttConfig;
import io.mutt.contract.ConsumerGroups;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamPartitions;
import io.mutt.redis.RedisConnector;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partitioned ingest stream on a real Redis (ADR 0031): consumers of one group share the
 * partitions out without overlap, rebalance when one joins or dies, and a dead consumer's pending
 * entries are taken over; depths are sums over the partitions.
 */
class PartitionedQueueTest {

  static final long LEASE_MS = 600;
  static final Duration SETTLE = Duration.ofMillis(6 * LEASE_MS);

  Vertx vertx;
  Vertx other;
  Redis redis;
  RedisKeys keys;
  DurableQueue queue;

  @BeforeEach
  void start() {
    Map<String, String> s = new HashMap<>(TestServices.redis());
    s.put("REDIS_PARTITIONS", "3");
    JsonObject json = new JsonObject();
    s.forEach(json::put);
    MuttConfig config = new MuttConfig(json);
    vertx = Vertx.vertx();
    other = Vertx.vertx();
    redis = RedisConnector.connect(vertx, config).await();
    keys = new RedisKeys(config);
    queue = partitioned(redis);
    queue.ensureGroup().await();
  }

  DurableQueue partitioned(Redis client) {
    return DurableQueue.partitioned(
        client, keys, keys.ingestPartitions, ConsumerGroups.ALERTER, LEASE_MS);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    if (other != null) {
      other.close().await();
    }
  }

  static String event(String host, int seq) {
    return new JsonObject().put("hostname", host).put("message", "m" + seq).encode();
  }

  /** Hosts that fall in every partition (two each). */
  List<String> hostsOverAllPartitions() {
    Map<Integer, List<String>> byPartition = new HashMap<>();
    for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 6; i++) {
      String h = "host-" + i + ".example.com";
      List<String> l = byPartition.computeIfAbsent(keys.partitions.of(h), k -> new ArrayList<>());
      if (l.size() < 2) {
        l.add(h);
      }
    }
    List<String> out = new ArrayList<>();
    byPartition.values().forEach(out::addAll);
    return out;
  }

  @Test
  void appends_go_to_the_hosts_partition_and_depth_is_their_sum() {
    List<String> hosts = hostsOverAllPartitions();
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      payloads.add(event(hosts.get(i % hosts.size()), i));
    }
    List<String> ids = queue.appendAll(payloads).await();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(queue.partition(ids.get(i)))
          .isEqualTo(keys.partitions.of(hosts.get(i % hosts.size())));
    }
    long sum = 0;
    for (String key : keys.ingestPartitions) {
      long len = redis.send(Request.cmd(Command.XLEN).arg(key)).await().toLong();
      assertThat(len).as("entries in " + key).isEqualTo(10);
      sum += len;
    }
    assertThat(queue.depth().await()).isEqualTo(sum).isEqualTo(30);
  }

  @Test
  void one_consumer_holds_every_partition_and_reads_each_hosts_events_in_order() {
    queue.join(vertx, "a").await();
    assertThat(queue.heldBy("a")).containsExactly(0, 1, 2);
    List<String> hosts = hostsOverAllPartitions();
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      payloads.add(event(hosts.get(i % hosts.size()), i));
    }
    queue.appendAll(payloads).await();
    Map<String, List<Integer>> seen = new HashMap<>();
    int read = 0;
    while (read < 60) {
      List<QueueEntry> got = queue.read("a", 7, 100).await();
      for (QueueEntry e : got) {
        JsonObject ev = new JsonObject(e.payload());
        seen.computeIfAbsent(ev.getString("hostname"), k -> new ArrayList<>())
            .add(Integer.parseInt(ev.getString("message").substring(1)));
      }
      queue.ack(got.stream().map(QueueEntry::id).toList()).await();
      read += got.size();
    }
    seen.values().forEach(l -> assertThat(l).isSorted());
    assertThat(queue.depth().await()).isZero();
    assertThat(queue.pendingCount().await()).isZero();
  }

  @Test
  void a_joining_consumer_gets_its_share_and_a_dead_ones_partitions_and_entries_are_taken_over() {
    queue.join(vertx, "a").await();
    assertThat(queue.heldBy("a")).containsExactly(0, 1, 2);
    DurableQueue second = partitioned(RedisConnector.connect(other, config()).await());
    second.join(other, "b").await();
    Eventually.until(
        SETTLE,
        "a and b divide the partitions",
        () -> {
          Set<Integer> a = new HashSet<>(queue.heldBy("a"));
          Set<Integer> b = new HashSet<>(second.heldBy("b"));
          Set<Integer> both = new HashSet<>(a);
          both.addAll(b);
          return !a.isEmpty() && !b.isEmpty() && both.size() == 3 && a.size() + b.size() == 3;
        });
    List<Integer> ofB = second.heldBy("b");

    List<String> hosts = hostsOverAllPartitions();
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      payloads.add(event(hosts.get(i % hosts.size()), i));
    }
    queue.appendAll(payloads).await();
    List<QueueEntry> heldByB = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      heldByB.addAll(second.read("b", 100, 50).await());
    }
    assertThat(heldByB).isNotEmpty();
    assertThat(heldByB).allSatisfy(e -> assertThat(ofB).contains(second.partition(e.id())));

    other.close().await(); // b dies: no leave, no acknowledgement
    other = null;
    Eventually.until(SETTLE, "a holds every partition again", () -> queue.heldBy("a").size() == 3);
    Set<String> claimed = new HashSet<>();
    Eventually.until(
        SETTLE,
        "a takes over b's pending entries",
        () -> {
          queue.claimIdle("a", LEASE_MS, 100).await().forEach(e -> claimed.add(e.id()));
          return claimed.size() >= heldByB.size();
        });
    assertThat(claimed)
        .containsExactlyInAnyOrderElementsOf(heldByB.stream().map(QueueEntry::id).toList());
  }

  @Test
  void a_consumer_that_leaves_hands_its_partitions_over_at_once() {
    queue.join(vertx, "a").await();
    queue.join(vertx, "b").await();
    Eventually.until(
        SETTLE,
        "a and b share",
        () ->
            queue.heldBy("a").size() + queue.heldBy("b").size() == 3
                && !queue.heldBy("b").isEmpty());
    queue.leave("b").await();
    Eventually.until(
        Duration.ofMillis(2 * LEASE_MS), "a holds all", () -> queue.heldBy("a").size() == 3);
  }

  @Test
  void partition_tags_spread_over_the_slot_ranges_of_three_masters() {
    Set<Integer> thirds = new HashSet<>();
    for (String key : keys.ingestPartitions) {
      thirds.add(StreamPartitions.slot(key) * 3 / StreamPartitions.SLOTS);
    }
    assertThat(thirds).containsExactlyInAnyOrder(0, 1, 2);
    for (int i = 0; i < 3; i++) {
      assertThat(StreamPartitions.slot(keys.ingestPartitions.get(i)))
          .as("ingest and alert partition %d share a slot", i)
          .isEqualTo(StreamPartitions.slot(keys.alertPartitions.get(i).stream()))
          .isEqualTo(StreamPartitions.slot(keys.alertPartitions.get(i).seenPrefix() + "x"))
          .isEqualTo(StreamPartitions.slot(keys.alertPartitions.get(i).coalesceDue()));
    }
  }

  MuttConfig config() {
    Map<String, String> s = new HashMap<>(TestServices.redis());
    JsonObject json = new JsonObject();
    s.forEach(json::put);
    return new MuttConfig(json);
  }
}
