package io.mutt.web;

import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;

import java.util.List;

/** Wires the web role. */
public final class WebRole {

  private WebRole() {
  }

  public static Future<?> deploy(MuttRuntime rt, List<String> summary) {
    return Future.failedFuture("the web role is not built yet");
  }
}
