package io.mutt.notifier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * E-mail over SMTP through vertx-mail-client. {@code NOTIFY_SMTP_TLS=starttls} (the default)
 * requires STARTTLS: a server that does not offer it gets nothing, so credentials and content never
 * travel in clear; {@code implicit} is TLS from the first byte (port 465); {@code none} is for a
 * local relay only. With a user, login is required. The server certificate is verified against the
 * JVM's trust store or {@code NOTIFY_SMTP_TRUST_STORE} (PKCS#12), host name included.
 */
final class MailChannel implements Channel {

  private final MailClient client;
  private final NotifierSettings.Smtp smtp;

  MailChannel(Vertx vertx, NotifierSettings.Smtp smtp) {
    this.smtp = smtp;
    MailConfig config =
        new MailConfig()
            .setHostname(smtp.host())
            .setPort(smtp.port())
            .setSsl(smtp.tls().equals("implicit"))
            .setStarttls(
                smtp.tls().equals("starttls") ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
            .setLogin(smtp.user().isBlank() ? LoginOption.DISABLED : LoginOption.REQUIRED)
            .setKeepAlive(false);
    config.setHostnameVerificationAlgorithm("HTTPS");
    if (!smtp.user().isBlank()) {
      config.setUsername(smtp.user()).setPassword(smtp.password());
    }
    if (!smtp.trustStore().isBlank()) {
      config.setTrustOptions(
          new PfxOptions().setPath(smtp.trustStore()).setPassword(smtp.trustStorePassword()));
    }
    this.client = MailClient.create(vertx, config);
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public Future<Void> send(Digest digest) {
    MailMessage message =
        new MailMessage()
            .setFrom(smtp.from())
            .setTo(smtp.to())
            .setSubject(digest.subject())
            .setText(digest.text());
    return client
        .sendMail(message)
        .<Void>mapEmpty()
        .recover(
            err ->
                Future.failedFuture(
                    "SMTP " + smtp.host() + ":" + smtp.port() + ": " + safe(err.getMessage())));
  }

  /** An SMTP error text, cut short; it never holds the password (vertx-mail does not echo it). */
  private static String safe(String m) {
    if (m == null) {
      return "failed";
    }
    return m.length() > 200 ? m.substring(0, 200) : m;
  }

  @Override
  public void close() {
    client.close();
  }
}
