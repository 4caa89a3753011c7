// The syslog listener's per-line CPU without the network and Redis: what SyslogIntake does for each frame (decode,
// parse, map to the event model, stamp ids, encode the JSON), measured with the thread's CPU time so that the figure
// depends little on what else the machine runs. Lines are the flat-out bench's (IntakeSender), an RFC 3164 Cisco
// line and an RFC 5424 line with structured data and quotes (the escaping path).
//
//   java -cp verticles/target/mutt.jar scripts/bench/IntakeStepBench.java [ROUNDS]
//
// Prints, per line kind and round, nanoseconds of CPU per line over 1,000,000 lines.

import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.event.EventJson;
import io.mutt.pipeline.syslog.SyslogEvents;
import io.mutt.pipeline.syslog.SyslogMessage;
import io.mutt.pipeline.syslog.SyslogParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

public class IntakeStepBench {

  static final Map<String, String> LINES =
      Map.of(
          "rfc5424 bench line",
          "<187>1 2026-12-07T05:12:01.123456Z edge-rtr-7.example.net ios - - - %LINK-3-UPDOWN: Interface"
              + " GigabitEthernet0/7, changed state to down (seq 123457)",
          "rfc3164 cisco",
          "<189>34: *Mar  1 18:46:11: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)",
          "rfc5424 sd + quotes",
          "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 99 ID47"
              + " [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An \"application\" event");

  static volatile int sink;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int lines = 1_000_000;
    SyslogParser parser = new SyslogParser(Clock.systemUTC(), ZoneOffset.UTC);
    SyslogEvents events = new SyslogEvents();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    String received = Instant.now().toString();
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, String> e : LINES.entrySet()) {
        byte[] frame = e.getValue().getBytes(StandardCharsets.UTF_8);
        long c0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < lines; i++) {
          String line = new String(frame, 0, frame.length, StandardCharsets.UTF_8);
          SyslogMessage m = parser.parse(line);
          byte[] payload =
              events.payload(
                  m,
                  line,
                  "192.0.2.7",
                  received,
                  EventIds.newCorrelationId(),
                  EventIds.nextEventId(),
                  EventJson.isPlain(frame, 0, frame.length));
          sink += payload.length;
        }
        long ns = cpu.getCurrentThreadCpuTime() - c0;
        System.out.printf("round %d  %-22s %6.0f ns/line%n", round, e.getKey(), (double) ns / lines);
      }
    }
  }
}
