package io.mutt.notifier;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The notifier's settings ({@code NOTIFY_*}, conf/mutt.yaml). The Slack webhook URL and the SMTP
 * password are secrets: read through {@link Secrets}, never logged.
 *
 * @param slackWebhookUrl Slack-compatible incoming webhook ({@code NOTIFY_SLACK_WEBHOOK_URL}), or
 *     null
 * @param smtp the mail channel, or null when {@code NOTIFY_SMTP_HOST} is unset
 * @param intervalMs at most one message per channel per interval ({@code NOTIFY_INTERVAL_MS})
 * @param checkMs how often the sender looks ({@code NOTIFY_CHECK_MS})
 * @param dlqThreshold a DLQ longer than this is reported when it grew ({@code
 *     NOTIFY_DLQ_THRESHOLD})
 * @param fallbackSeverities alert severities sent while the Moogsoft circuit is open ({@code
 *     NOTIFY_FALLBACK_SEVERITIES}, lower case)
 * @param fallbackTeams alert teams sent while the circuit is open ({@code NOTIFY_FALLBACK_TEAMS})
 * @param fallbackAlsoMoog whether a fallback alert is still delivered to Moogsoft afterwards
 *     ({@code NOTIFY_FALLBACK_MODE=both}; default {@code instead})
 * @param samples dead letters and alerts quoted in a message ({@code NOTIFY_SAMPLES})
 */
public record NotifierSettings(
    String slackWebhookUrl,
    Smtp smtp,
    long intervalMs,
    long checkMs,
    long dlqThreshold,
    Set<String> fallbackSeverities,
    Set<String> fallbackTeams,
    boolean fallbackAlsoMoog,
    int samples) {

  /** The SMTP channel: STARTTLS is required unless {@code tls} says otherwise. */
  public record Smtp(
      String host,
      int port,
      String tls,
      String user,
      String password,
      String from,
      List<String> to,
      String trustStore,
      String trustStorePassword) {}

  public static NotifierSettings from(MuttConfig c, Secrets secrets) {
    String slack = secrets.get("NOTIFY_SLACK_WEBHOOK_URL").filter(s -> !s.isBlank()).orElse(null);
    if (slack != null && !slack.startsWith("https://") && !slack.startsWith("http://")) {
      throw new ConfigException("NOTIFY_SLACK_WEBHOOK_URL must be an http(s) URL");
    }
    Smtp smtp = null;
    String host = c.string("NOTIFY_SMTP_HOST", "");
    if (!host.isBlank()) {
      String tls = c.string("NOTIFY_SMTP_TLS", "starttls").toLowerCase(Locale.ROOT);
      if (!tls.matches("starttls|implicit|none")) {
        throw new ConfigException(
            "NOTIFY_SMTP_TLS must be starttls, implicit or none, got '" + tls + "'");
      }
      List<String> to = list(c.string("NOTIFY_SMTP_TO", ""));
      String from = c.string("NOTIFY_SMTP_FROM", "");
      if (to.isEmpty() || from.isBlank()) {
        throw new ConfigException(
            "NOTIFY_SMTP_HOST is set: NOTIFY_SMTP_FROM and NOTIFY_SMTP_TO are needed");
      }
      smtp =
          new Smtp(
              host,
              c.port("NOTIFY_SMTP_PORT", tls.equals("implicit") ? 465 : 587),
              tls,
              c.string("NOTIFY_SMTP_USER", ""),
              secrets.get("NOTIFY_SMTP_PASSWORD").orElse(""),
              from,
              to,
              c.string("NOTIFY_SMTP_TRUST_STORE", ""),
              secrets.get("NOTIFY_SMTP_TRUST_STORE_PASSWORD").orElse(""));
    }
    String mode = c.string("NOTIFY_FALLBACK_MODE", "instead").toLowerCase(Locale.ROOT);
    if (!mode.matches("instead|both")) {
      throw new ConfigException("NOTIFY_FALLBACK_MODE must be instead or both, got '" + mode + "'");
    }
    return new NotifierSettings(
        slack,
        smtp,
        c.atLeast("NOTIFY_INTERVAL_MS", 300_000, 100),
        c.atLeast("NOTIFY_CHECK_MS", 5_000, 50),
        c.atLeast("NOTIFY_DLQ_THRESHOLD", 100, 1),
        lower(list(c.string("NOTIFY_FALLBACK_SEVERITIES", ""))),
        Set.copyOf(list(c.string("NOTIFY_FALLBACK_TEAMS", ""))),
        mode.equals("both"),
        c.atLeast("NOTIFY_SAMPLES", 10, 1));
  }

  /** Whether any channel is configured. */
  public boolean anyChannel() {
    return slackWebhookUrl != null || smtp != null;
  }

  /** Whether critical alerts are sent while the Moogsoft circuit is open. */
  public boolean fallbackEnabled() {
    return !fallbackSeverities.isEmpty() || !fallbackTeams.isEmpty();
  }

  /** Whether an alert of this severity and team is sent while the circuit is open. */
  public boolean fallbackWants(String severity, String team) {
    boolean sev =
        fallbackSeverities.isEmpty()
            || (severity != null && fallbackSeverities.contains(severity.toLowerCase(Locale.ROOT)));
    boolean tm = fallbackTeams.isEmpty() || (team != null && fallbackTeams.contains(team));
    return fallbackEnabled() && sev && tm;
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Set<String> lower(List<String> values) {
    return values.stream()
        .map(v -> v.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
