package io.mutt.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mutt.runtime.Listeners;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state a listener reports on /health as it starts, pauses, stops or fails. */
class ListenerStateTest {

  static ListenerMetrics metrics(String name) {
    return new ListenerMetrics(
        new SimpleMeterRegistry(), name, List.of("no_pri"), List.of("redis"));
  }

  @Test
  void a_stream_listener_is_paused_while_one_connection_is_and_stopped_after_every_instance() {
    ListenerState s = new ListenerState("tcp", true, metrics("syslog_tcp"));
    assertThat(s.state()).isEqualTo("starting");
    s.listening(5514);
    s.listening(5514);
    s.connectionPaused();
    assertThat(s.json().getString("state")).isEqualTo("paused");
    assertThat(s.json().getInteger("paused_connections")).isEqualTo(1);
    s.connectionResumed();
    assertThat(s.state()).isEqualTo("listening");
    s.stopped();
    assertThat(s.state()).as("one of two instances still listens").isEqualTo("listening");
    s.stopped();
    assertThat(s.state()).isEqualTo("stopped");
    assertThat(s.isFailed()).isFalse();
  }

  @Test
  void a_failed_listener_turns_the_process_unhealthy_and_a_disabled_one_never_does() {
    ListenerMetrics m = metrics("syslog_udp");
    ListenerState udp = new ListenerState("udp", true, m);
    ListenerState off = new ListenerState("tls", false, metrics("syslog_tls"));
    Listeners all = new Listeners();
    all.add("syslog_udp", udp);
    all.add("syslog_tls", off);
    udp.listening(5514);
    m.received.increment(3);
    m.queued.increment(2);
    m.dropped("redis").increment();
    assertThat(all.anyFailed()).isFalse();
    assertThat(all.json().getJsonObject("syslog_udp").encode())
        .contains("\"connections\":null", "\"received\":3", "\"queued\":2", "\"dropped\":1");
    assertThat(all.json().getJsonObject("syslog_tls").getString("state")).isEqualTo("disabled");
    off.failed();
    assertThat(all.anyFailed()).as("a disabled listener is never unhealthy").isFalse();
    udp.failed();
    assertThat(all.anyFailed()).isTrue();
    udp.stopped();
    assertThat(udp.state()).as("a failure is not hidden by the undeploy").isEqualTo("failed");
  }
}
