package io.mutt.app;

import io.mutt.alerter.AlerterModule;
import io.mutt.config.ConfigException;
import io.mutt.forwarder.ForwarderModule;
import io.mutt.ingest.IngestModule;
import io.mutt.notifier.NotifierModule;
import io.mutt.remediation.RemediationModule;
import io.mutt.retention.RetentionModule;
import io.mutt.runtime.Module;
import io.mutt.syslog.SyslogModule;
import io.mutt.traps.TrapsModule;
import io.mutt.web.WebModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The modules MUTT is made of, in start order: the one place that names them. {@code mutt run}
 * starts them all; {@code --roles} selects some by name. A new module (a listener, a notifier) is a
 * new package with one {@link Module} implementation and one line here.
 */
public final class Modules {

  /** Every module, in the order they are deployed. */
  public static final List<Module> ALL =
      List.of(
          new IngestModule(),
          new SyslogModule(),
          new TrapsModule(),
          new AlerterModule(),
          new ForwarderModule(),
          new RemediationModule(),
          new RetentionModule(),
          new NotifierModule(),
          new WebModule());

  private Modules() {}

  /**
   * The modules named in {@code csv} (comma-separated names; empty or {@code all} for every
   * module), in start order. {@code moog} and {@code moog-forwarder} name the forwarder.
   *
   * @throws ConfigException naming an unknown module
   */
  public static List<Module> select(String csv) {
    if (csv == null || csv.isBlank() || csv.trim().equalsIgnoreCase("all")) {
      return ALL;
    }
    List<String> wanted = new ArrayList<>();
    for (String part : csv.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("moog") || name.equals("moog-forwarder")) {
        name = "forwarder";
      }
      String n = name;
      if (ALL.stream().noneMatch(m -> m.name().equals(n))) {
        throw new ConfigException(
            "--roles: unknown role '" + part.trim() + "' (expected " + names() + ")");
      }
      wanted.add(name);
    }
    if (wanted.isEmpty()) {
      throw new ConfigException("--roles: no role given");
    }
    return ALL.stream().filter(m -> wanted.contains(m.name())).toList();
  }

  /** The names of every module, comma-separated, for help and error texts. */
  public static String names() {
    return ALL.stream().map(Module::name).collect(Collectors.joining(", "));
  }
}
