package io.mutt.testsupport;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

/** A Vert.x instance and a web client on it, for tests calling MUTT over HTTP. */
public final class TestHttp implements AutoCloseable {

  public final Vertx vertx = Vertx.vertx();
  public final WebClient client = WebClient.create(vertx);

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
