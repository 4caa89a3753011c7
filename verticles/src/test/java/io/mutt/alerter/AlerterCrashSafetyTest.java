package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.queue.QueueEntry;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash safety (ADR 0001, ADR 0003): entries of a consumer that died are taken over by a live one
 * after {@code ALERTER_JANITOR_TIMEOUT}; a redelivered event gets no second audit row and no second
 * alert; an event that keeps failing goes to the DLQ after {@code ALERTER_MAX_RETRIES} retries.
 */
class AlerterCrashSafetyTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter",
          Map.of(
              "ALERTER_JANITOR_TIMEOUT",
              "1",
              "ALERTER_MAX_RETRIES",
              "1",
              "BRPOPLPUSH_TIMEOUT",
              "1"));

  @Test
  void a_consumer_that_dies_mid_batch_loses_nothing_and_duplicates_nothing() {
    String[] hosts = IntStream.range(0, 40).mapToObj(i -> "crash-" + i).toArray(String[]::new);
    List<QueueEntry> read = appendAndReadAtomically("dead-consumer", hosts);
    assertThat(read).hasSize(40);

    // The dead consumer got as far as making the first half durable (audit rows, alerts) but never
    // acknowledged.
    RuleCache cache = new RuleCache();
    cache.swap(RuleStore.load(kit.rt.vertx(), kit.rt.pg()).await());
    LiveFeed live = new LiveFeed(100); // not deployed: nothing is published
    AlerterMetrics metrics = new AlerterMetrics(kit.rt.registry());
    BatchProcessor dying =
        AlerterModule.processor(
            kit.rt,
            cache,
            AlerterSettings.from(kit.rt.config()),
            metrics,
            new DeadLetterWriter(
                kit.rt.redis(), kit.rt.keys().alerterDlq, metrics, kit.rt.replicaAcks()),
            live,
            null,
            null);
    List<String> wouldAck = dying.process(read.subList(0, 20)).await();
    assertThat(wouldAck).hasSize(20);
    assertThat(kit.auditRows(hosts)).hasSize(20);

    eventually(
        "live consumers took over and acknowledged everything",
        () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0 && kit.pending() == 0);
    List<Row> rows = kit.auditRows(hosts);
    assertThat(rows).hasSize(40);
    assertThat(rows.stream().map(r -> r.getString("event_id")).distinct()).hasSize(40);
    List<JsonObject> alerts = kit.alerts(hosts);
    assertThat(alerts).hasSize(40);
    assertThat(alerts.stream().map(a -> a.getString("_event_id")).distinct()).hasSize(40);
    assertThat(rows.stream().map(r -> r.getString("hostname")).distinct())
        .containsExactlyInAnyOrder(hosts);
  }

  @Test
  void
      an_event_the_database_always_refuses_goes_to_the_dlq_after_its_retries_while_its_batch_mates_pass() {
    kit.sql(
        "ALTER TABLE event_audit_log ADD CONSTRAINT test_no_poison CHECK (hostname <> 'poison-host')");
    try {
      kit.post(event("poison-host", "ERROR that can never be audited"));
      kit.post(event("healthy-host", "ERROR that is fine"));
      eventually("poison event dead-lettered", () -> kit.dlq("poison-host").size() == 1);
      JsonObject dead = kit.dlq("poison-host").get(0);
      assertThat(dead.getString("dlq_reason"))
          .isEqualTo("retries exhausted: 2 failed attempts (ALERTER_MAX_RETRIES=1)");
      assertThat(dead.getInteger("_retry_count")).isEqualTo(2);
      assertThat(dead.getString("message")).isEqualTo("ERROR that can never be audited");
      eventually(
          "stream drained",
          () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0 && kit.pending() == 0);
      assertThat(kit.auditRows("healthy-host")).hasSize(1);
      assertThat(kit.alerts("healthy-host")).hasSize(1);
      assertThat(kit.auditRows("poison-host")).isEmpty();
      assertThat(kit.alerts("poison-host")).isEmpty();
      assertThat(kit.counter("mutt.alerter.events.processed", "status", "poison"))
          .isGreaterThanOrEqualTo(1);
    } finally {
      kit.sql("ALTER TABLE event_audit_log DROP CONSTRAINT test_no_poison");
    }
  }

  @Test
  void a_database_outage_keeps_events_pending_and_they_are_audited_once_when_it_is_back() {
    kit.sql("ALTER TABLE event_audit_log RENAME TO event_audit_log_away");
    try {
      kit.post(event("outage-host", "ERROR during the outage"));
      eventually(
          "the failed attempt",
          () -> kit.pending() >= 1 || kit.streamLength(kit.rt.keys().ingestQueue) >= 1);
    } finally {
      kit.sql("ALTER TABLE event_audit_log_away RENAME TO event_audit_log");
    }
    eventually("audited after the outage", () -> kit.auditRows("outage-host").size() == 1);
    eventually(
        "stream drained",
        () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0 && kit.pending() == 0);
    assertThat(kit.auditRows("outage-host")).hasSize(1);
    assertThat(kit.alerts("outage-host")).hasSize(1);
    assertThat(kit.dlq("outage-host")).isEmpty();
  }

  /**
   * XADD of the events and XREADGROUP by {@code consumer} in one MULTI/EXEC, so the blocked live
   * consumers cannot get them first: the entries are pending for a consumer that will never
   * acknowledge them.
   */
  private static List<QueueEntry> appendAndReadAtomically(String consumer, String... hosts) {
    String key = kit.rt.keys().ingestQueue;
    RedisConnection conn = kit.rt.redis().connect().await();
    try {
      conn.send(Request.cmd(Command.MULTI)).await();
      for (String h : hosts) {
        JsonObject e =
            event(h, "ERROR from " + h)
                .put("_event_id", "crash-evt-" + h)
                .put("_correlation_id", "c-" + h);
        conn.send(Request.cmd(Command.XADD).arg(key).arg("*").arg("e").arg(e.encode())).await();
      }
      conn.send(
              Request.cmd(Command.XREADGROUP)
                  .arg("GROUP")
                  .arg("alerter")
                  .arg(consumer)
                  .arg("COUNT")
                  .arg(hosts.length)
                  .arg("STREAMS")
                  .arg(key)
                  .arg(">"))
          .await();
      Response exec = conn.send(Request.cmd(Command.EXEC)).await();
      Response streams = exec.get(exec.size() - 1);
      List<QueueEntry> out = new ArrayList<>();
      for (Response entry : streams.get(0).get(1)) {
        out.add(new QueueEntry(entry.get(0).toString(), entry.get(1).get(1).toString(), 1));
      }
      return out;
    } finally {
      conn.close();
    }
  }
}
