package io.mutt.notifier;

import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import java.util.List;

/**
 * The notifier (ADR 0024): digests of dead letters and DLQ growth, and critical alerts while the
 * Moogsoft circuit is open, over a Slack-compatible webhook and e-mail. Deployed on every node that
 * selects it; one of them sends (a Redis lease). Without a channel configured it deploys nothing.
 */
public final class NotifierModule implements Module {

  @Override
  public String name() {
    return "notifier";
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    NotifierSettings settings = NotifierSettings.from(rt.config(), rt.secrets());
    if (!settings.anyChannel()) {
      summary.add("Notifier    off (no NOTIFY_SLACK_WEBHOOK_URL or NOTIFY_SMTP_HOST)");
      return Future.succeededFuture();
    }
    List<String> channels = new java.util.ArrayList<>();
    if (settings.slackWebhookUrl() != null) {
      channels.add("webhook");
    }
    if (settings.smtp() != null) {
      channels.add("e-mail via " + settings.smtp().host() + ":" + settings.smtp().port());
    }
    summary.add(
        "Notifier    "
            + String.join(" and ", channels)
            + ", at most one message per "
            + settings.intervalMs() / 1000
            + " s (lease "
            + rt.keys().notifierLeader
            + ")"
            + (settings.fallbackEnabled() ? "; critical alerts while Moogsoft is down" : ""));
    return rt.vertx().deployVerticle(new NotifierVerticle(rt, settings));
  }
}
