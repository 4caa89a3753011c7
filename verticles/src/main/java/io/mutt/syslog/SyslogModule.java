package io.mutt.syslog;

import io.mutt.contract.CounterKeys;
import io.mutt.ingest.IngestMetrics;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
import io.mutt.pipeline.syslog.ParseErrors;
import io.mutt.pipeline.syslog.SyslogParser;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The native syslog listener: RFC 5424 and RFC 3164 over UDP, TCP (both RFC 6587 framings) and TLS
 * (RFC 5425), each event written to the ingest queue with the HTTP path's cap and durable append.
 * See docs/OPERATIONS.md "Syslog and SNMP traps".
 */
public final class SyslogModule implements Module {

  static final List<String> DROP_REASONS = List.of("queue_full", "redis", "overload");

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    SyslogSettings settings = SyslogSettings.from(rt.config());
    ListenerMetrics udp = metrics(rt, "syslog_udp");
    ListenerMetrics tcp = metrics(rt, "syslog_tcp");
    ListenerMetrics tls = metrics(rt, "syslog_tls");
    ListenerState udpState = new ListenerState("udp", settings.udpPort() > 0, udp);
    ListenerState tcpState = new ListenerState("tcp", settings.tcpPort() > 0, tcp);
    ListenerState tlsState = new ListenerState("tls", settings.tlsEnabled(), tls);
    rt.listeners().add("syslog_udp", udpState);
    rt.listeners().add("syslog_tcp", tcpState);
    rt.listeners().add("syslog_tls", tlsState);
    if (settings.udpPort() == 0 && settings.tcpPort() == 0 && !settings.tlsEnabled()) {
      summary.add("Syslog      disabled (SYSLOG_UDP_PORT, SYSLOG_TCP_PORT and TLS all off)");
      return Future.succeededFuture();
    }
    SyslogParser parser = new SyslogParser(Clock.systemUTC(), settings.zone());
    List<String> parts = new ArrayList<>();
    if (settings.udpPort() > 0) {
      parts.add("udp " + settings.udpPort());
    }
    if (settings.tcpPort() > 0) {
      parts.add("tcp " + settings.tcpPort());
    }
    if (settings.tlsEnabled()) {
      parts.add(
          "tls "
              + settings.tlsPort()
              + (settings.tlsClientCa().isEmpty() ? "" : " (client certificates required)"));
    }
    summary.add("Syslog      " + settings.bindHost() + " " + String.join(", ", parts));
    return ListenerQueue.start(
            rt, new IngestMetrics(rt.registry()).queueDepthGauge(), CounterKeys.SYSLOG)
        .compose(
            queue -> {
              List<Future<?>> all = new ArrayList<>();
              if (settings.udpPort() > 0) {
                all.add(
                    rt.vertx()
                        .deployVerticle(
                            new SyslogUdpVerticle(settings, queue, parser, udp, udpState)));
              }
              if (settings.tcpPort() > 0 || settings.tlsEnabled()) {
                all.add(
                    rt.vertx()
                        .deployVerticle(
                            () ->
                                new SyslogTcpVerticle(
                                    settings,
                                    queue,
                                    parser,
                                    new SyslogTcpVerticle.Listener(tcp, tcpState),
                                    new SyslogTcpVerticle.Listener(tls, tlsState)),
                            new DeploymentOptions().setInstances(settings.instances())));
              }
              return Future.all(all);
            });
  }

  private static ListenerMetrics metrics(MuttRuntime rt, String listener) {
    return new ListenerMetrics(rt.registry(), listener, ParseErrors.ALL, DROP_REASONS);
  }
}
