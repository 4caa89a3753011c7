package io.mutt.notifier;

import io.vertx.core.Future;

/** One way of telling operators: a Slack-compatible webhook or e-mail. */
interface Channel {

  /** {@code slack} or {@code email}: the label of its metrics and log lines. */
  String name();

  /** Sends one message; fails with a text that holds no secret. */
  Future<Void> send(Digest digest);

  void close();
}
