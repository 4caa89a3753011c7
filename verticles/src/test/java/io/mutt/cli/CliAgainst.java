package io.mutt.cli;

/** Runs the CLI against a web API: the command's arguments, then its --url and --api-key. */
final class CliAgainst {

  private CliAgainst() {}

  static Cli run(String url, String apiKey, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = url;
    all[args.length + 2] = "--api-key";
    all[args.length + 3] = apiKey;
    return Cli.run(all);
  }
}
