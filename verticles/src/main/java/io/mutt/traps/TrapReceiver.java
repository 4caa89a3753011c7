package io.mutt.traps;

import io.mutt.listener.ListenerMetrics;
import io.mutt.pipeline.traps.TrapMessage;
import io.mutt.pipeline.traps.TrapMessage.V1Header;
import io.mutt.pipeline.traps.TrapMessage.Varbind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/**
 * The SNMP4J side of the listener: takes v1/v2c traps, informs and v3 notifications (USM already
 * checked by SNMP4J), checks v1/v2c communities, and turns each into a library-free {@link
 * TrapMessage} handed on with its event (needed to answer an inform). Other PDU types (a get, a
 * set, a response) are not answered and are counted as dropped, reason {@code not_a_notification}.
 * Runs on SNMP4J's receive thread.
 */
final class TrapReceiver implements CommandResponder {

  static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
  static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");

  private final List<String> communities;
  private final ListenerMetrics metrics;
  private final BiConsumer<TrapMessage, CommandResponderEvent<?>> next;

  TrapReceiver(
      List<String> communities,
      ListenerMetrics metrics,
      BiConsumer<TrapMessage, CommandResponderEvent<?>> next) {
    this.communities = communities;
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
    PDU pdu = event.getPDU();
    if (pdu == null) {
      return;
    }
    event.setProcessed(true);
    metrics.received.increment();
    int type = pdu.getType();
    if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) {
      // a get, set or response sent to the trap port: not answered, counted
      metrics.dropped("not_a_notification").increment();
      return;
    }
    int model = event.getMessageProcessingModel();
    String version = model == MPv1.ID ? "v1" : model == MPv2c.ID ? "v2c" : "v3";
    if (model == MPv1.ID || model == MPv2c.ID) {
      String community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
      if (!communities.contains(community)) {
        metrics.dropped("community").increment();
        return;
      }
    }
    TrapMessage message;
    try {
      message = message(event, pdu, version, model);
    } catch (RuntimeException e) {
      metrics.parseError("bad_pdu").increment();
      return;
    }
    next.accept(message, event);
  }

  private static TrapMessage message(
      CommandResponderEvent<?> event, PDU pdu, String version, int model) {
    String peer = peer(event.getPeerAddress());
    List<Varbind> varbinds = new ArrayList<>(pdu.size());
    long uptime = -1;
    String trapOid = null;
    V1Header v1 = null;
    if (pdu instanceof PDUv1 p) {
      String enterprise = TrapMessage.strip(p.getEnterprise().toDottedString());
      IpAddress agent = p.getAgentAddress();
      v1 =
          new V1Header(
              enterprise,
              agent == null ? "0.0.0.0" : agent.getInetAddress().getHostAddress(),
              p.getGenericTrap(),
              p.getSpecificTrap());
      trapOid = TrapMessage.v1TrapOid(enterprise, p.getGenericTrap(), p.getSpecificTrap());
      uptime = p.getTimestamp();
    }
    for (VariableBinding vb : pdu.getVariableBindings()) {
      OID oid = vb.getOid();
      if (oid.equals(SYS_UP_TIME) && vb.getVariable() instanceof TimeTicks t) {
        uptime = t.getValue();
      } else if (oid.equals(SNMP_TRAP_OID) && vb.getVariable() instanceof OID o) {
        trapOid = o.toDottedString();
      } else {
        varbinds.add(
            new Varbind(oid.toDottedString(), vb.getVariable().getSyntaxString(), text(vb)));
      }
    }
    return new TrapMessage(
        version,
        peer,
        trapOid == null ? "" : trapOid,
        uptime,
        v1,
        model == MPv1.ID || model == MPv2c.ID
            ? null
            : new String(event.getSecurityName(), StandardCharsets.UTF_8),
        pdu.getType() == PDU.INFORM,
        varbinds);
  }

  /** Printable octet strings as text, others in the library's notation (hex for binary). */
  private static String text(VariableBinding vb) {
    if (vb.getVariable().getSyntax() == SMIConstants.SYNTAX_OCTET_STRING) {
      return vb.getVariable().toString();
    }
    return vb.toValueString();
  }

  private static String peer(Address address) {
    if (address instanceof org.snmp4j.smi.TransportIpAddress ip) {
      return ip.getInetAddress().getHostAddress();
    }
    return String.valueOf(address);
  }
}
