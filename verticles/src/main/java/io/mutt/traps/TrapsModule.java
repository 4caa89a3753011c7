package io.mutt.traps;

import io.mutt.config.ConfigException;
import io.mutt.contract.CounterKeys;
import io.mutt.ingest.IngestMetrics;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
import io.mutt.pipeline.traps.OidNames;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native SNMP trap listener (v1, v2c, v3 USM; traps and informs), each notification written to
 * the ingest queue with the HTTP path's cap and durable append. See docs/OPERATIONS.md "Syslog and
 * SNMP traps".
 */
public final class TrapsModule implements Module {

  private static final Logger LOG = LoggerFactory.getLogger(TrapsModule.class);
  static final List<String> DROP_REASONS =
      List.of("queue_full", "redis", "overload", "community", "auth", "not_a_notification");

  @Override
  public String name() {
    return "traps";
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    TrapSettings settings = TrapSettings.from(rt.config(), rt.secrets());
    if (settings.port() == 0) {
      rt.listeners()
          .add(
              "snmp_trap",
              new ListenerState(
                  "udp",
                  false,
                  new ListenerMetrics(rt.registry(), "snmp_trap", List.of(), List.of())));
      summary.add("Traps       disabled (SNMP_TRAP_PORT=0)");
      return Future.succeededFuture();
    }
    if (settings.acceptsPublic()) {
      LOG.warn(
          "SNMP traps: accepting v1/v2c traps with the well-known community 'public'"
              + " (SNMP_TRAP_COMMUNITIES); set your own communities or use SNMPv3 users");
    }
    OidNames names = oidNames(settings.oidNames());
    ListenerMetrics metrics =
        new ListenerMetrics(rt.registry(), "snmp_trap", List.of("bad_pdu"), DROP_REASONS);
    ListenerState state = new ListenerState("udp", true, metrics);
    rt.listeners().add("snmp_trap", state);
    summary.add(
        "Traps       "
            + settings.bindHost()
            + " udp "
            + settings.port()
            + " (v1/v2c communities: "
            + settings.communities().size()
            + ", v3 users: "
            + settings.users().size()
            + (names.size() > 0 ? ", " + names.size() + " OID names" : "")
            + ")");
    return ListenerQueue.start(
            rt, new IngestMetrics(rt.registry()).queueDepthGauge(), CounterKeys.TRAPS)
        .compose(
            queue ->
                rt.vertx()
                    .deployVerticle(new TrapVerticle(settings, queue, metrics, names, state)));
  }

  static OidNames oidNames(String file) {
    if (file.isEmpty()) {
      return OidNames.NONE;
    }
    try {
      return OidNames.parse(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new ConfigException("SNMP_TRAP_OID_NAMES: cannot read " + file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("SNMP_TRAP_OID_NAMES: " + file + " " + e.getMessage());
    }
  }
}
