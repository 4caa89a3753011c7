package io.mutt.pipeline.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Monthly partitions of {@code event_audit_log} (docs/reference/sql-tables.md): {@code
 * event_audit_log_YYYY_MM} covers [1st of the month, 1st of the next month) in UTC. Decides which
 * months to create and which partitions lie wholly before the retention cutoff and so may be
 * dropped once emptied.
 */
public final class AuditPartitions {

  /** The partitioned parent table. */
  public static final String PARENT = "event_audit_log";

  private static final Pattern NAME = Pattern.compile("event_audit_log_(\\d{4})_(\\d{2})");

  private AuditPartitions() {}

  /** {@code event_audit_log_2025_11} for November 2025. */
  public static String name(YearMonth month) {
    return String.format("%s_%04d_%02d", PARENT, month.getYear(), month.getMonthValue());
  }

  /** The month a partition name stands for; empty for any other table name (e.g. the archive). */
  public static Optional<YearMonth> monthOf(String tableName) {
    Matcher m = NAME.matcher(tableName == null ? "" : tableName);
    if (!m.matches()) {
      return Optional.empty();
    }
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) {
      return Optional.empty();
    }
    return Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), month));
  }

  /**
   * First days of the months whose partitions must exist: the month of {@code today} and the
   * following {@code months - 1} (calendar arithmetic, so December is followed by January).
   */
  public static List<LocalDate> monthsToEnsure(LocalDate today, int months) {
    List<LocalDate> out = new ArrayList<>();
    YearMonth first = YearMonth.from(today);
    for (int i = 0; i < Math.max(1, months); i++) {
      out.add(first.plusMonths(i).atDay(1));
    }
    return out;
  }

  /**
   * Whether every timestamp a partition may hold is before {@code cutoff}, so that retention
   * empties it.
   */
  public static boolean whollyBefore(String tableName, Instant cutoff) {
    return monthOf(tableName)
        .map(
            m -> !m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff))
        .orElse(false);
  }
}
