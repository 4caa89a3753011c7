package io.mutt.alerter;

import io.micrometer.core.instrument.Timer;
import io.mutt.contract.BusAddresses;
import io.mutt.db.DatabaseBreaker;
import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.rules.RuleProblem;
import io.mutt.redis.PubSubSubscription;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RuleCache} of this JVM current. {@code start()} completes only after the first
 * successful load, retried with a backoff of at most 30 s, so no consumer ever runs with an empty
 * cache. Reloads: every dynamic {@code cache_reload_interval} seconds (re-read each cycle), at once
 * on the event-bus address {@value BusAddresses#RULES_CHANGED} (web role, any node of the cluster),
 * on the text {@code rules} published on the Redis channel {@code mutt:config:updates} (external
 * tools) and on SIGHUP. Concurrent triggers coalesce into one more reload. A failed reload keeps
 * the previous snapshot.
 */
public final class RuleCacheVerticle extends VerticleBase {

  /**
   * Event-bus address the web role publishes on after every committed rule, dev-host or team
   * change.
   */

  /** Payload on {@code mutt:config:updates} that asks every alerter to reload its rules. */
  public static final String RULES_MESSAGE = "rules";

  private static final Logger LOG = LoggerFactory.getLogger(RuleCacheVerticle.class);

  private final MuttRuntime rt;
  private final RuleCache cache;
  private final AlerterSettings settings;
  private final AlerterMetrics metrics;
  private CoalescingReloader reloader;
  private boolean stopped;
  private PubSubSubscription subscription;
  private final Runnable sighup = () -> vertx.runOnContext(v -> reload("SIGHUP"));

  private final DatabaseBreaker database;
  private boolean missedWhileDown;

  /**
   * With a {@code database} breaker (null: none): while it is open no reload is attempted (the
   * cache keeps its rules); one reload runs when it closes if any was asked for meanwhile.
   */
  public RuleCacheVerticle(
      MuttRuntime rt,
      RuleCache cache,
      AlerterSettings settings,
      AlerterMetrics metrics,
      DatabaseBreaker database) {
    this.database = database;
    this.rt = rt;
    this.cache = cache;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    // no reload after a resubscription: the periodic reload picks up what was published meanwhile
    subscription =
        new PubSubSubscription(
            vertx,
            rt.redis(),
            rt.keys().configUpdatesChannel,
            "rule reloads",
            this::onPubSub,
            () -> {});
    reloader =
        new CoalescingReloader(
            vertx,
            "rule cache",
            this::loadOnce,
            () -> settings.cacheReloadSeconds(rt.dynamic()) * 1000,
            this::databaseAvailable);
    vertx
        .eventBus()
        .<JsonObject>consumer(BusAddresses.RULES_CHANGED, msg -> reload("event bus " + msg.body()));
    return reloader
        .start()
        .onSuccess(
            v -> {
              if (!stopped) {
                subscription.startRetrying();
              }
              if (database != null) {
                database.onClose(() -> vertx.runOnContext(x -> afterOutage()));
              }
              SighupReload.add(sighup);
            });
  }

  private void afterOutage() {
    if (missedWhileDown && !stopped) {
      missedWhileDown = false;
      reload("database back");
    }
  }

  /** Reloads now, or once more after the reload in progress. */
  void reload(String trigger) {
    reloader.reload(trigger);
  }

  /** False while the database breaker is open: the reload is remembered for when it closes. */
  private boolean databaseAvailable() {
    if (database != null && !database.available()) {
      missedWhileDown = true;
      return false;
    }
    return true;
  }

  private Future<Void> loadOnce(String trigger) {
    metrics.cacheReloads.increment();
    Timer.Sample sample = Timer.start();
    return RuleStore.load(vertx, rt.pg())
        .onComplete(
            ar -> {
              sample.stop(metrics.cacheReloadLatency);
              if (ar.succeeded()) {
                install(ar.result(), trigger);
              } else if (database != null && database.failed(ar.cause())) {
                metrics.cacheReloadFailures.increment();
                missedWhileDown = true;
              } else {
                metrics.cacheReloadFailures.increment();
                LOG.error(
                    "rule cache reload ({}) failed, keeping the previous rules: {}",
                    trigger,
                    ar.cause().getMessage());
              }
            })
        .mapEmpty();
  }

  private void install(RuleSet rules, String trigger) {
    cache.swap(rules);
    metrics.rulesCount.set(rules.matcher().size());
    metrics.devHostsCount.set(rules.devHosts().size());
    metrics.teamsCount.set(rules.teams().size());
    for (RuleProblem p : rules.matcher().rejected()) {
      LOG.warn("rule {} skipped: {}", p.ruleId(), p.reason());
    }
    LOG.info(
        "rule cache loaded ({}): {} rules, {} dev hosts, {} teams",
        trigger,
        rules.matcher().size(),
        rules.devHosts().size(),
        rules.teams().size());
  }

  private void onPubSub(Response msg) {
    if (msg != null
        && msg.size() >= 3
        && "message".equals(msg.get(0).toString())
        && RULES_MESSAGE.equals(msg.get(2).toString())) {
      reload("redis " + rt.keys().configUpdatesChannel);
    }
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    SighupReload.remove(sighup);
    if (reloader != null) {
      reloader.stop();
    }
    return subscription == null ? Future.succeededFuture() : subscription.close();
  }
}
