// Load generator for scripts/bench/syslog.sh (run as a single-file program: java -cp mutt.jar IntakeSender.java ...).
//   tcp  HOST PORT RATE SECONDS CONNECTIONS   RFC 5424 lines, octet-counted, RATE lines/s in total (0 = flat out)
//   udp  HOST PORT RATE SECONDS               one RFC 5424 line per datagram
//   trap HOST PORT RATE SECONDS v2c|v3        SNMP traps via SNMP4J (v3: user bench, SHA-256 + AES, see syslog.sh)
// Prints "sent N" on the last line. Lines look like a router's: host, program, a Cisco-style message; the time has
// at most 6 fractional digits, as RFC 5424 allows (Instant.now() can have more, which MUTT queues as bad_timestamp).
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

public class IntakeSender {

  static String line(long i) {
    return "<187>1 " + Instant.now().truncatedTo(ChronoUnit.MICROS) + " edge-rtr-" + (i % 50) + ".example.net ios - - - %LINK-3-UPDOWN: Interface"
        + " GigabitEthernet0/" + (i % 48) + ", changed state to down (seq " + i + ")";
  }

  /** Sleeps so that `sent` does not run ahead of `rate` per second since `start`. */
  static void pace(long sent, long rate, long start) throws InterruptedException {
    if (rate <= 0) return;
    long due = start + sent * 1_000_000_000L / rate;
    long wait = due - System.nanoTime();
    if (wait > 1_000_000) Thread.sleep(wait / 1_000_000);
  }

  public static void main(String[] a) throws Exception {
    String mode = a[0];
    String host = a[1];
    int port = Integer.parseInt(a[2]);
    long rate = Long.parseLong(a[3]);
    long seconds = Long.parseLong(a[4]);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong sent = new AtomicLong();
    switch (mode) {
      case "tcp" -> {
        int conns = Integer.parseInt(a[5]);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < conns; c++) {
          Thread t = new Thread(() -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress(host, port));
              OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
              long start = System.nanoTime();
              long mine = 0;
              while (System.nanoTime() < end) {
                for (int k = 0; k < 100; k++) {
                  byte[] b = line(sent.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
                  out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                  out.write(b);
                  mine++;
                }
                pace(mine, rate / conns, start);
              }
              out.flush();
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
          t.start();
          threads.add(t);
        }
        for (Thread t : threads) t.join();
      }
      case "udp" -> {
        try (DatagramSocket s = new DatagramSocket()) {
          InetAddress to = InetAddress.getByName(host);
          long start = System.nanoTime();
          while (System.nanoTime() < end) {
            byte[] b = line(sent.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, to, port));
            if (sent.get() % 50 == 0) pace(sent.get(), rate, start);
          }
        }
      }
      case "trap" -> {
        boolean v3 = a[5].equals("v3");
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
        Snmp snmp = new Snmp(transport);
        PDU pdu;
        org.snmp4j.Target<UdpAddress> target;
        if (v3) {
          SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
          protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
          protocols.addPrivacyProtocol(new PrivAES128());
          OctetString engine =
              new OctetString(((MPv3) snmp.getMessageDispatcher().getMessageProcessingModel(MPv3.ID)).getLocalEngineID());
          USM usm = new USM(protocols, engine, 0);
          SecurityProtocols.setSecurityProtocols(protocols);
          usm.addUser(new OctetString("bench"), engine,
              new UsmUser(new OctetString("bench"), AuthHMAC192SHA256.ID, new OctetString("bench-auth-pass"),
                  PrivAES128.ID, new OctetString("bench-priv-pass")));
          SecurityModels.getInstance().addSecurityModel(usm);
          UserTarget<UdpAddress> t = new UserTarget<>();
          t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
          t.setSecurityName(new OctetString("bench"));
          t.setVersion(SnmpConstants.version3);
          target = t;
          pdu = new ScopedPDU();
        } else {
          CommunityTarget<UdpAddress> t = new CommunityTarget<>();
          t.setCommunity(new OctetString("public"));
          t.setVersion(SnmpConstants.version2c);
          target = t;
          pdu = new PDU();
        }
        target.setAddress(new UdpAddress(InetAddress.getByName(host), port));
        pdu.setType(PDU.TRAP);
        snmp.listen();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
          long i = sent.incrementAndGet();
          pdu.clear();
          pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(i)));
          pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.4.1.9.9.41.2.0.1")));
          pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"), new OctetString("edge-rtr-" + (i % 50))));
          pdu.add(new VariableBinding(new OID("1.3.6.1.4.1.9.9.41.1.2.3.1.5." + i), new OctetString("Interface Gi0/1 down")));
          snmp.send(pdu, target);
          if (i % 20 == 0) pace(i, rate, start);
        }
        snmp.close();
      }
      default -> throw new IllegalArgumentException(mode);
    }
    System.out.println("sent " + sent.get());
  }
}
