package io.mutt.traps;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.traps.OidNames;
import io.mutt.pipeline.traps.TrapEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The SNMP notification receiver on {@code SNMP_TRAP_PORT} (UDP): SNMP4J decodes (and for v3
 * authenticates and decrypts), {@link TrapReceiver} maps, and this verticle's event loop reserves
 * room under the ingest cap and appends. A trap that cannot be queued is counted as dropped; an
 * inform is answered only after its event is durably in the queue, so a sender whose inform is not
 * answered sends it again.
 */
final class TrapVerticle extends VerticleBase {

  private final TrapSettings settings;
  private final ListenerQueue queue;
  private final ListenerMetrics metrics;
  private final OidNames names;
  private final ListenerState state;
  private EventWriter writer;
  private Snmp snmp;
  private int inFlight;

  TrapVerticle(
      TrapSettings settings,
      ListenerQueue queue,
      ListenerMetrics metrics,
      OidNames names,
      ListenerState state) {
    this.settings = settings;
    this.state = state;
    this.queue = queue;
    this.metrics = metrics;
    this.names = names;
  }

  @Override
  public Future<?> start() {
    this.writer = queue.writer(context);
    try {
      DefaultUdpTransportMapping transport =
          new DefaultUdpTransportMapping(
              new UdpAddress(InetAddress.getByName(settings.bindHost()), settings.port()));
      transport.setReceiveBufferSize(4 * 1024 * 1024);
      SecurityProtocols protocols =
          new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
      protocols.addAuthenticationProtocol(new AuthSHA());
      protocols.addAuthenticationProtocol(new AuthHMAC128SHA224());
      protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
      protocols.addAuthenticationProtocol(new AuthHMAC256SHA384());
      protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
      protocols.addPrivacyProtocol(new PrivAES128());
      protocols.addPrivacyProtocol(new PrivAES192());
      protocols.addPrivacyProtocol(new PrivAES256());
      // SNMP4J's counters of what it refuses before a notification reaches TrapReceiver
      TrapCounters refused = new TrapCounters(metrics);
      CounterSupport refusals = new CounterSupport();
      refusals.addCounterListener(refused);
      USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0, refusals);
      for (TrapSettings.UsmUserSpec u : settings.users()) {
        usm.addUser(
            new UsmUser(
                new OctetString(u.name()),
                authProtocol(u.auth()),
                new OctetString(u.authPass()),
                privProtocol(u.priv()),
                u.privPass() == null ? null : new OctetString(u.privPass())));
      }
      MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
      dispatcher.addCounterListener(refused);
      dispatcher.addMessageProcessingModel(new MPv1());
      dispatcher.addMessageProcessingModel(new MPv2c());
      MPv3 mpv3 = new MPv3(usm);
      mpv3.setCounterSupport(refusals);
      dispatcher.addMessageProcessingModel(mpv3);
      snmp = new Snmp(dispatcher, transport);
      snmp.addCommandResponder(
          new TrapReceiver(
              settings.communities(),
              metrics,
              (message, event) -> {
                byte[] payload =
                    TrapEvents.encode(
                        message,
                        names,
                        Instant.now().toString(),
                        EventIds.newCorrelationId(),
                        EventIds.nextEventId());
                context.runOnContext(v -> enqueue(payload, message.inform() ? event : null));
              }));
      snmp.listen();
      state.listening(transport.getListenAddress().getPort());
      return Future.succeededFuture();
    } catch (Exception e) {
      state.failed();
      return Future.failedFuture(
          "SNMP traps could not listen on "
              + settings.bindHost()
              + ":"
              + settings.port()
              + " (udp): "
              + e.getMessage());
    }
  }

  @Override
  public Future<?> stop() {
    state.stopped();
    if (snmp != null) {
      try {
        snmp.close();
      } catch (java.io.IOException e) {
        // closing anyway
      }
    }
    return Future.succeededFuture();
  }

  /** On the event loop: cap, durable append, then (informs) the acknowledgement. */
  private void enqueue(byte[] payload, CommandResponderEvent<?> inform) {
    if (inFlight >= settings.maxInFlight()) {
      metrics.dropped("overload").increment();
      return;
    }
    if (!queue.reserve(1)) {
      metrics.dropped("queue_full").increment();
      return;
    }
    inFlight++;
    writer
        .append(List.of(payload))
        .onComplete(
            ar -> {
              inFlight--;
              if (ar.failed()) {
                queue.released(1);
                metrics.dropped("redis").increment();
                return;
              }
              queue.written(1);
              metrics.queued.increment();
              if (inform != null) {
                acknowledge(inform);
              }
            });
  }

  private static void acknowledge(CommandResponderEvent<?> event) {
    PDU response = (PDU) event.getPDU().clone();
    response.setType(PDU.RESPONSE);
    response.setErrorStatus(PDU.noError);
    response.setErrorIndex(0);
    try {
      event
          .getMessageDispatcher()
          .returnResponsePdu(
              event.getMessageProcessingModel(),
              event.getSecurityModel(),
              event.getSecurityName(),
              event.getSecurityLevel(),
              response,
              event.getMaxSizeResponsePDU(),
              event.getStateReference(),
              new StatusInformation());
    } catch (Exception e) {
      // the sender will resend the inform; its event is already queued
    }
  }

  static OID authProtocol(String name) {
    return switch (name) {
      case "SHA" -> AuthSHA.ID;
      case "SHA-224" -> AuthHMAC128SHA224.ID;
      case "SHA-256" -> AuthHMAC192SHA256.ID;
      case "SHA-384" -> AuthHMAC256SHA384.ID;
      case "SHA-512" -> AuthHMAC384SHA512.ID;
      default -> throw new IllegalArgumentException("unknown auth protocol " + name);
    };
  }

  static OID privProtocol(String name) {
    return switch (name) {
      case "NONE" -> null;
      case "AES" -> PrivAES128.ID;
      case "AES-192" -> PrivAES192.ID;
      case "AES-256" -> PrivAES256.ID;
      default -> throw new IllegalArgumentException("unknown priv protocol " + name);
    };
  }
}
