package io.mutt.pipeline.validation;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Stable positive {@code config_audit_log.record_id} for keyed objects
 * (docs/reference/sql-tables.md): CRC-32 of the UTF-8 key modulo 2147483647, with 0 mapped to 1.
 * Used for dynamic-config keys, hostnames and DLQ names.
 */
public final class RecordIds {

  private RecordIds() {}

  public static int of(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    int id = (int) (crc.getValue() % 2147483647L);
    return id == 0 ? 1 : id;
  }
}
