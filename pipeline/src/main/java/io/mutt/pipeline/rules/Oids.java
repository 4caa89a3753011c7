package io.mutt.pipeline.rules;

/**
 * OID normalisation, so both spellings match: sample rules write {@code .1.3.6…}, traps {@code
 * 1.3.6…}.
 */
final class Oids {

  private Oids() {}

  /** Removes one leading {@code .}; null becomes "". */
  static String normalise(String oid) {
    if (oid == null) {
      return "";
    }
    return oid.startsWith(".") ? oid.substring(1) : oid;
  }
}
