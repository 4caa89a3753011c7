package io.mutt.remediation;

import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;

import java.util.List;

/** Wires the remediation role. */
public final class RemediationRole {

  private RemediationRole() {
  }

  public static Future<?> deploy(MuttRuntime rt, List<String> summary) {
    return Future.failedFuture("the remediation role is not built yet");
  }
}
