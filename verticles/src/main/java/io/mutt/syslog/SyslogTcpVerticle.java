package io.mutt.syslog;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.pipeline.syslog.SyslogParser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The syslog stream servers of one event loop: plain TCP on {@code SYSLOG_TCP_PORT} and TLS (RFC
 * 5425, client certificates required when {@code SYSLOG_TLS_CLIENT_CA} is set) on {@code
 * SYSLOG_TLS_PORT}. Several instances share the ports; each connection is a {@link
 * SyslogConnection}.
 */
final class SyslogTcpVerticle extends VerticleBase {

  private final SyslogSettings settings;
  private final ListenerQueue queue;
  private final SyslogParser parser;
  private final ListenerMetrics tcpMetrics;
  private final ListenerMetrics tlsMetrics;

  SyslogTcpVerticle(
      SyslogSettings settings,
      ListenerQueue queue,
      SyslogParser parser,
      ListenerMetrics tcpMetrics,
      ListenerMetrics tlsMetrics) {
    this.settings = settings;
    this.queue = queue;
    this.parser = parser;
    this.tcpMetrics = tcpMetrics;
    this.tlsMetrics = tlsMetrics;
  }

  @Override
  public Future<?> start() {
    EventWriter writer = queue.writer(context);
    List<Future<?>> servers = new ArrayList<>();
    if (settings.tcpPort() > 0) {
      servers.add(listen("TCP", base().setPort(settings.tcpPort()), writer, tcpMetrics));
    }
    if (settings.tlsEnabled()) {
      NetServerOptions tls =
          base()
              .setPort(settings.tlsPort())
              .setSsl(true)
              .setKeyCertOptions(
                  new PemKeyCertOptions()
                      .setCertPath(settings.tlsCert())
                      .setKeyPath(settings.tlsKey()));
      if (!settings.tlsClientCa().isEmpty()) {
        tls.setTrustOptions(new PemTrustOptions().addCertPath(settings.tlsClientCa()))
            .setClientAuth(ClientAuth.REQUIRED);
      }
      servers.add(listen("TLS", tls, writer, tlsMetrics));
    }
    return Future.all(servers);
  }

  private NetServerOptions base() {
    return new NetServerOptions().setHost(settings.bindHost()).setTcpNoDelay(true);
  }

  private Future<?> listen(
      String what, NetServerOptions options, EventWriter writer, ListenerMetrics metrics) {
    SyslogIntake intake = new SyslogIntake(parser, metrics);
    return vertx
        .createNetServer(options)
        .connectHandler(
            socket ->
                new SyslogConnection(
                        vertx,
                        socket,
                        intake,
                        queue,
                        writer,
                        metrics,
                        settings.maxMessageBytes(),
                        settings.tcpMaxPending())
                    .start())
        .listen()
        .recover(
            err ->
                Future.failedFuture(
                    "syslog "
                        + what
                        + " could not listen on "
                        + settings.bindHost()
                        + ":"
                        + options.getPort()
                        + ": "
                        + err.getMessage()));
  }
}
