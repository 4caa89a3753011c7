package io.mutt.runtime;

import io.mutt.alerter.AlerterRole;
import io.mutt.forwarder.ForwarderRole;
import io.mutt.ingest.IngestRole;
import io.mutt.remediation.RemediationRole;
import io.mutt.web.WebRole;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deploys each chosen role; every role package has one {@code XxxRole.deploy} that wires its
 * verticles.
 */
public final class Roles {

  private Roles() {}

  public static Future<Void> deploy(MuttRuntime rt, Set<Role> roles, List<String> summary) {
    List<Future<?>> all = new ArrayList<>();
    for (Role role : roles) {
      all.add(
          switch (role) {
            case INGEST -> IngestRole.deploy(rt, summary);
            case ALERTER -> AlerterRole.deploy(rt, summary);
            case FORWARDER -> ForwarderRole.deploy(rt, summary);
            case REMEDIATION -> RemediationRole.deploy(rt, summary);
            case WEB -> WebRole.deploy(rt, summary);
          });
    }
    return Future.all(all).mapEmpty();
  }
}
