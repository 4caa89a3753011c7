package io.mutt.notifier;

import io.mutt.contract.BusAddresses;
import io.mutt.pipeline.delivery.LeaderLease;
import io.mutt.redis.LuaScript;
import io.mutt.redis.RedisLease;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier (ADR 0024): one sender in the whole deployment, the holder of the Redis lease {@code
 * mutt:leader:notifier}. Every {@code NOTIFY_CHECK_MS} (and at once when the Moogsoft circuit
 * changes state) the sender looks, and when the last message is at least {@code NOTIFY_INTERVAL_MS}
 * old and there is something to tell, sends one message on every channel that batches it all: new
 * dead letters, DLQs grown past the threshold, and critical alerts held while the circuit is open.
 * Nothing in between is lost: what was not told yet is still in Redis and goes into the next
 * message. Each message is audited in the stream {@code mutt:notify:log}.
 */
final class NotifierVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

  /**
   * Takes the interval's one message slot for the whole deployment: succeeds only when the last
   * message is at least ARGV[2] ms old, so even two senders during a lease hand-over cannot send
   * twice in one interval.
   */
  private static final LuaScript CLAIM =
      new LuaScript(
          """
      local last = tonumber(redis.call('HGET', KEYS[1], 'last_sent_ms') or '0') or 0
      if tonumber(ARGV[1]) - last < tonumber(ARGV[2]) then return 0 end
      redis.call('HSET', KEYS[1], 'last_sent_ms', ARGV[1])
      return 1
      """);

  private final MuttRuntime rt;
  private final NotifierSettings settings;
  private final NotifierMetrics metrics;
  private final List<Channel> channels = new ArrayList<>();
  private DigestSources sources;
  private RedisLease lease;
  private long timer = -1;
  private long leaseTimer = -1;
  private boolean busy;
  private boolean leaseBusy;
  private MessageConsumer<JsonObject> circuit;

  NotifierVerticle(MuttRuntime rt, NotifierSettings settings) {
    this.rt = rt;
    this.settings = settings;
    this.metrics = NotifierMetrics.of(rt.registry());
  }

  @Override
  public Future<?> start() {
    if (settings.slackWebhookUrl() != null) {
      channels.add(new SlackChannel(vertx, settings.slackWebhookUrl()));
    }
    if (settings.smtp() != null) {
      channels.add(new MailChannel(vertx, settings.smtp()));
    }
    sources = new DigestSources(rt.redis(), rt.keys(), settings);
    lease =
        new RedisLease(
            "notifier",
            rt.redis(),
            rt.keys().notifierLeader,
            rt.podName() + "-" + UUID.randomUUID().toString().substring(0, 8),
            new LeaderLease(Math.max(3L * settings.checkMs(), 10_000)));
    leaseTimer = vertx.setPeriodic(lease.renewEveryMs(), id -> renew());
    timer = vertx.setPeriodic(settings.checkMs(), id -> tick());
    circuit = vertx.eventBus().consumer(BusAddresses.CIRCUIT_STATE, msg -> tick());
    return renew();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(leaseTimer);
    if (circuit != null) {
      circuit.unregister();
    }
    channels.forEach(Channel::close);
    return lease.release();
  }

  /** Takes or renews the lease, on its own timer so that a slow send never lets it lapse. */
  private Future<Void> renew() {
    if (leaseBusy) {
      return Future.succeededFuture();
    }
    leaseBusy = true;
    return lease
        .tick()
        .map(
            leader -> {
              metrics.leader.set(leader ? 1 : 0);
              return (Void) null;
            })
        .onComplete(ar -> leaseBusy = false);
  }

  private void tick() {
    if (busy || !lease.leading()) {
      return;
    }
    busy = true;
    maybeSend()
        .onComplete(
            ar -> {
              busy = false;
              if (ar.failed()) {
                LOG.warn("notifier check failed: {}", ar.cause().getMessage());
              }
            });
  }

  private Future<Void> maybeSend() {
    long now = System.currentTimeMillis();
    return rt.redis()
        .send(Request.cmd(Command.HGET).arg(rt.keys().notifyState).arg("last_sent_ms"))
        .compose(
            last -> {
              long lastSent = last == null ? 0 : last.toLong();
              if (now - lastSent < settings.intervalMs()) {
                return Future.succeededFuture();
              }
              return sources
                  .collect()
                  .compose(
                      p -> {
                        if (p.digest().isEmpty()) {
                          return sources.remember(p.told());
                        }
                        return CLAIM
                            .run(
                                rt.redis(),
                                List.of(rt.keys().notifyState),
                                List.of(now, settings.intervalMs()))
                            .compose(
                                won ->
                                    won != null && won.toInteger() == 1
                                        ? send(p, now)
                                        : Future.succeededFuture());
                      });
            });
  }

  private Future<Void> send(DigestSources.Pending p, long now) {
    Digest d = p.digest();
    List<Future<Void>> sends = channels.stream().map(c -> c.send(d)).toList();
    return Future.join(sends)
        .transform(
            ignored -> {
              JsonObject outcome = new JsonObject();
              boolean any = false;
              for (int i = 0; i < channels.size(); i++) {
                Channel c = channels.get(i);
                Future<Void> f = sends.get(i);
                metrics.messages(c.name(), f.succeeded() ? "sent" : "failed").increment();
                outcome.put(c.name(), f.succeeded() ? "sent" : "failed: " + f.cause().getMessage());
                any |= f.succeeded();
              }
              LOG.info("notification \"{}\": {}", d.subject(), outcome.encode());
              Future<Void> audit = audit(d, outcome);
              if (!any) {
                return audit;
              }
              metrics.lastSentSeconds.set(now / 1000);
              metrics.fallbackAlerts.increment(d.fallback().size());
              return audit
                  .compose(v -> sources.takeOver(d.fallback()))
                  .compose(
                      taken -> {
                        if (taken < 0) {
                          LOG.info(
                              "the Moogsoft circuit closed while {} fallback alert(s) were sent; forwarders deliver them too",
                              d.fallback().size());
                        }
                        return sources.remember(p.told());
                      });
            });
  }

  /** One entry per message in {@code mutt:notify:log} (capped at about 10,000). */
  private Future<Void> audit(Digest d, JsonObject outcome) {
    JsonObject summary = d.summary();
    return rt.redis()
        .send(
            Request.cmd(Command.XADD)
                .arg(rt.keys().notifyLog)
                .arg("MAXLEN")
                .arg("~")
                .arg(10_000)
                .arg("*")
                .arg("at")
                .arg(Instant.now().toString())
                .arg("subject")
                .arg(d.subject())
                .arg("channels")
                .arg(outcome.encode())
                .arg("summary")
                .arg(
                    summary
                        .put("fallback_mode", settings.fallbackAlsoMoog() ? "both" : "instead")
                        .encode()))
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("notification not audited: {}", err.getMessage()))
        .otherwiseEmpty();
  }
}
