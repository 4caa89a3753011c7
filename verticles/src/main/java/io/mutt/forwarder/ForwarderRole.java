package io.mutt.forwarder;

import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;

import java.util.List;

/** Wires the forwarder role. */
public final class ForwarderRole {

  private ForwarderRole() {
  }

  public static Future<?> deploy(MuttRuntime rt, List<String> summary) {
    return Future.failedFuture("the forwarder role is not built yet");
  }
}
