package io.mutt.traps;

import io.mutt.listener.ListenerMetrics;
import java.util.Set;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

/**
 * Counts the notifications SNMP4J refuses before MUTT sees them, from its SNMP counters (RFC 3418
 * {@code snmpIn…}, RFC 3414 {@code usmStats…}): a datagram that is no SNMP message is a parse error
 * {@code bad_pdu}; an SNMPv3 notification with an unknown user, a wrong passphrase or a security
 * level the user does not have is dropped as {@code auth}. Each is also counted as received, as a
 * notification with a wrong community is. The counters of SNMPv3's engine discovery ({@code
 * usmStatsUnknownEngineIDs}, {@code usmStatsNotInTimeWindows}), part of every inform's first
 * exchange, are not failures and are not counted. SNMP4J may raise several of its counters for one
 * datagram (a message that is no BER sequence is a parse error, then an invalid message); each
 * datagram is counted once, its first failure naming the reason. SNMP4J opens every datagram with
 * {@code snmpInPkts} and reads datagrams one at a time on the transport's receive thread, which is
 * the only thread calling this listener.
 */
final class TrapCounters implements CounterListener {

  /** Counted as parse error {@code bad_pdu}. */
  private static final Set<OID> MALFORMED =
      Set.of(
          SnmpConstants.snmpInASNParseErrs,
          SnmpConstants.snmpInBadVersions,
          SnmpConstants.snmpInvalidMsgs,
          SnmpConstants.snmpUnknownSecurityModels);

  /** Counted as dropped {@code auth}. */
  private static final Set<OID> REFUSED =
      Set.of(
          SnmpConstants.usmStatsUnknownUserNames,
          SnmpConstants.usmStatsWrongDigests,
          SnmpConstants.usmStatsDecryptionErrors,
          SnmpConstants.usmStatsUnsupportedSecLevels);

  private final ListenerMetrics metrics;

  /** Whether the datagram being read has been counted already. */
  private boolean counted;

  TrapCounters(ListenerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void incrementCounter(CounterEvent event) {
    if (SnmpConstants.snmpInPkts.equals(event.getOid())) {
      counted = false;
      return;
    }
    boolean malformed = MALFORMED.contains(event.getOid());
    if (counted || !(malformed || REFUSED.contains(event.getOid()))) {
      return;
    }
    counted = true;
    metrics.received.increment();
    (malformed ? metrics.parseError("bad_pdu") : metrics.dropped("auth")).increment();
  }
}
