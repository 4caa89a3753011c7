package io.mutt.syslog;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
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

  /** The metrics and the /health state of one of the two stream listeners. */
  record Listener(ListenerMetrics metrics, ListenerState state) {}

  private final SyslogSettings settings;
  private final ListenerQueue queue;
  private final SyslogParser parser;
  private final Listener tcp;
  private final Listener tls;
  private final List<Listener> bound = new ArrayList<>();

  SyslogTcpVerticle(
      SyslogSettings settings,
      ListenerQueue queue,
      SyslogParser parser,
      Listener tcp,
      Listener tls) {
    this.settings = settings;
    this.queue = queue;
    this.parser = parser;
    this.tcp = tcp;
    this.tls = tls;
  }

  @Override
  public Future<?> start() {
    EventWriter writer = queue.writer(context);
    List<Future<?>> servers = new ArrayList<>();
    if (settings.tcpPort() > 0) {
      servers.add(listen("TCP", base().setPort(settings.tcpPort()), writer, tcp));
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
      servers.add(listen("TLS", tls, writer, this.tls));
    }
    return Future.all(servers);
  }

  @Override
  public Future<?> stop() {
    bound.forEach(l -> l.state().stopped());
    return Future.succeededFuture();
  }

  private NetServerOptions base() {
    return new NetServerOptions().setHost(settings.bindHost()).setTcpNoDelay(true);
  }

  private Future<?> listen(
      String what, NetServerOptions options, EventWriter writer, Listener listener) {
    ListenerMetrics metrics = listener.metrics();
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
                        listener.state(),
                        settings.maxMessageBytes(),
                        settings.tcpMaxPending())
                    .start())
        .listen()
        .onSuccess(
            server -> {
              listener.state().listening(server.actualPort());
              bound.add(listener);
            })
        .recover(
            err -> {
              listener.state().failed();
              return Future.failedFuture(
                  "syslog "
                      + what
                      + " could not listen on "
                      + settings.bindHost()
                      + ":"
                      + options.getPort()
                      + ": "
                      + err.getMessage());
            });
  }
}
