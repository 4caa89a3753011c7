package io.mutt.cli;

import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code mutt status} against a test's running MUTT: its ports, key prefix and
 * Redis password as {@code --set}, after {@code extra}.
 */
final class StatusArgs {

  private StatusArgs() {}

  static String[] of(MuttTestApp mutt, String... extra) {
    List<String> args = new ArrayList<>(List.of("status"));
    args.addAll(List.of(extra));
    for (String key : Ports.KEYS) {
      args.add("--set");
      args.add(key + "=" + mutt.settings.get(key));
    }
    for (String key : List.of("MUTT_KEY_PREFIX", "REDIS_PASS_CURRENT")) {
      if (mutt.settings.containsKey(key)) {
        args.add("--set");
        args.add(key + "=" + mutt.settings.get(key));
      }
    }
    return args.toArray(String[]::new);
  }
}
