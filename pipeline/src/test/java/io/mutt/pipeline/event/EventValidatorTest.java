package io.mutt.pipeline.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  private final EventValidator validator =
      new EventValidator(RequiredFields.parse("hostname,message,timestamp"));

  @Test
  void a_complete_event_with_text_fields_has_no_problem() {
    assertThat(
            validator.check(
                0,
                Map.of(
                    "hostname",
                    JsonKind.STRING,
                    "message",
                    JsonKind.STRING,
                    "timestamp",
                    JsonKind.STRING)))
        .isEmpty();
  }

  @Test
  void missing_fields_are_reported_in_configuration_order_with_the_originals_message() {
    List<EventProblem> problems = validator.check(0, Map.of("message", JsonKind.STRING));
    assertThat(problems).extracting(EventProblem::field).containsExactly("hostname", "timestamp");
    assertThat(EventValidator.singleEventMessage(problems))
        .isEqualTo("Missing required fields: ['hostname', 'timestamp']");
  }

  @Test
  void a_number_where_text_is_expected_names_the_field_and_both_types() {
    List<EventProblem> problems =
        validator.check(
            3,
            Map.of(
                "hostname",
                JsonKind.NUMBER,
                "message",
                JsonKind.STRING,
                "timestamp",
                JsonKind.STRING));
    assertThat(problems)
        .containsExactly(new EventProblem(3, "hostname", "must be a string, got number"));
    assertThat(EventValidator.singleEventMessage(problems))
        .isEqualTo("Invalid field 'hostname': must be a string, got number");
  }

  @Test
  void null_counts_as_present_but_is_not_text() {
    List<EventProblem> problems =
        validator.check(
            0,
            Map.of(
                "hostname",
                JsonKind.NULL,
                "message",
                JsonKind.STRING,
                "timestamp",
                JsonKind.STRING));
    assertThat(problems)
        .extracting(EventProblem::error)
        .containsExactly("must be a string, got null");
  }

  @Test
  void text_fields_are_type_checked_even_when_not_required() {
    EventValidator onlyHost = new EventValidator(RequiredFields.parse("hostname"));
    assertThat(onlyHost.watched()).contains("hostname", "message", "timestamp");
    assertThat(onlyHost.check(0, Map.of("hostname", JsonKind.STRING, "timestamp", JsonKind.OBJECT)))
        .extracting(EventProblem::field)
        .containsExactly("timestamp");
  }

  @Test
  void other_fields_pass_whatever_their_type() {
    EventValidator v = new EventValidator(RequiredFields.parse("hostname,syslog_severity"));
    assertThat(v.check(0, Map.of("hostname", JsonKind.STRING, "syslog_severity", JsonKind.STRING)))
        .isEmpty();
  }

  @Test
  void a_batch_message_counts_refused_events_not_problems() {
    List<EventProblem> problems =
        List.of(
            EventProblem.missing(1, "hostname"),
            EventProblem.missing(1, "message"),
            EventProblem.notAnObject(4, JsonKind.NUMBER));
    assertThat(EventValidator.batchMessage(problems, 10))
        .isEqualTo("Invalid batch: 2 of 10 events refused, nothing was queued");
    assertThat(problems.get(2).error()).isEqualTo("not a JSON object (got number)");
  }
}
