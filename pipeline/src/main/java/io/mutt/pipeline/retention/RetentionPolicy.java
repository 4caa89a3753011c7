package io.mutt.pipeline.retention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The retention policy in force for one run (docs/reference/configuration.md).
 *
 * <p>Each value is looked up, first found wins: the dynamic key (Redis {@code mutt:config:<key>}),
 * the archiver's alias environment name, the primary environment name, the built-in default.
 * Aliases come before the primary name because {@code conf/mutt.yaml} always supplies the primary
 * one, so an alias is only ever present when an operator set it. A value that is not a positive
 * integer is reported in {@code warnings} and the next source is used.
 *
 * @param enabled {@code retention_enforcement_enabled} / {@code RETENTION_ENFORCEMENT_ENABLED} /
 *     {@code RETENTION_ENABLED}, default true
 * @param dryRun {@code RETENTION_DRY_RUN}: count only, change nothing
 * @param eventAuditDays rows of {@code event_audit_log} older than this move to the archive (90)
 * @param archiveYears archive rows older than this many 365-day years are deleted (7)
 * @param configAuditDays {@code config_audit_log} rows older than this are deleted (365)
 * @param dlqDays DLQ entries older than this are removed (30)
 * @param batchSize rows per transaction and DLQ entries examined per list per run (1000)
 * @param precreateMonths partitions ensured: the current month and the next {@code n - 1} (3)
 */
public record RetentionPolicy(
    boolean enabled,
    boolean dryRun,
    int eventAuditDays,
    int archiveYears,
    int configAuditDays,
    int dlqDays,
    int batchSize,
    int precreateMonths) {

  /** The defaults (also in conf/mutt.yaml and docs/reference/configuration.md). */
  public static final RetentionPolicy DEFAULTS =
      new RetentionPolicy(true, false, 90, 7, 365, 30, 1000, 3);

  /**
   * Resolves the policy.
   *
   * @param settings static settings by environment name (null when unset)
   * @param dynamic dynamic keys by name (null when unset or unavailable)
   * @param warnings receives one line per ignored value
   */
  public static RetentionPolicy resolve(
      Function<String, String> settings, Function<String, String> dynamic, List<String> warnings) {
    Lookup l = new Lookup(settings, dynamic, warnings);
    return new RetentionPolicy(
        l.flag(
            true,
            "retention_enforcement_enabled",
            "RETENTION_ENFORCEMENT_ENABLED",
            "RETENTION_ENABLED"),
        l.flag(false, null, "RETENTION_DRY_RUN"),
        l.positive(
            DEFAULTS.eventAuditDays,
            "event_retention_days",
            "EVENT_RETENTION_DAYS",
            "RETENTION_EVENT_AUDIT_DAYS"),
        l.positive(
            DEFAULTS.archiveYears,
            "event_archive_retention_years",
            "EVENT_ARCHIVE_RETENTION_YEARS"),
        l.positive(
            DEFAULTS.configAuditDays,
            "config_audit_retention_days",
            "CONFIG_AUDIT_RETENTION_DAYS",
            "RETENTION_AUDIT_DAYS"),
        l.positive(DEFAULTS.dlqDays, null, "RETENTION_DLQ_DAYS"),
        l.positive(
            DEFAULTS.batchSize, null, "RETENTION_CLEANUP_BATCH_SIZE", "RETENTION_BATCH_SIZE"),
        l.positive(DEFAULTS.precreateMonths, null, "RETENTION_PRECREATE_MONTHS"));
  }

  /** The same policy with dry run switched on or off (the CLI's {@code --dry-run}). */
  public RetentionPolicy withDryRun(boolean on) {
    return new RetentionPolicy(
        enabled,
        on,
        eventAuditDays,
        archiveYears,
        configAuditDays,
        dlqDays,
        batchSize,
        precreateMonths);
  }

  /** Days kept per data type, as reported by {@code mutt_retention_policy_days{type}}. */
  public Map<String, Integer> policyDays() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("event_audit", eventAuditDays);
    m.put("event_archive", archiveYears * 365);
    m.put("config_audit", configAuditDays);
    m.put("dlq", dlqDays);
    return m;
  }

  private record Lookup(
      Function<String, String> settings, Function<String, String> dynamic, List<String> warnings) {

    int positive(int fallback, String dynamicKey, String... envNames) {
      if (dynamicKey != null) {
        Integer v = parsePositive(dynamic.apply(dynamicKey), "dynamic key " + dynamicKey);
        if (v != null) {
          return v;
        }
      }
      for (String name : envNames) {
        Integer v = parsePositive(settings.apply(name), name);
        if (v != null) {
          return v;
        }
      }
      return fallback;
    }

    boolean flag(boolean fallback, String dynamicKey, String... envNames) {
      if (dynamicKey != null) {
        Boolean v = parseFlag(dynamic.apply(dynamicKey));
        if (v != null) {
          return v;
        }
      }
      for (String name : envNames) {
        Boolean v = parseFlag(settings.apply(name));
        if (v != null) {
          return v;
        }
      }
      return fallback;
    }

    private Integer parsePositive(String raw, String source) {
      if (raw == null || raw.isBlank()) {
        return null;
      }
      try {
        double d = Double.parseDouble(raw.trim());
        if (d >= 1 && d == Math.rint(d) && d <= Integer.MAX_VALUE) {
          return (int) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      warnings.add(source + " must be a positive integer, got '" + raw.trim() + "'; ignored");
      return null;
    }

    private static Boolean parseFlag(String raw) {
      if (raw == null || raw.isBlank()) {
        return null;
      }
      String v = raw.trim().toLowerCase(Locale.ROOT);
      return v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on");
    }
  }
}
