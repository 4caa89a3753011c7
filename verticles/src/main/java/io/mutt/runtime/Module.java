package io.mutt.runtime;

import io.vertx.core.Future;
import java.util.List;

/**
 * One deployable part of MUTT: a role (ingest, alerter, forwarder, remediation, web), the retention
 * job, or a listener. Each role package has exactly one implementation; the application's list of
 * modules is {@code io.mutt.app.Modules}, where a new module is added without touching the others.
 */
public interface Module {

  /** The name {@code mutt run --roles} selects it by; also its label in the start-up summary. */
  String name();

  /**
   * Deploys the module's verticles on {@code rt.vertx()} and adds its lines to the start-up
   * summary. Everything it starts is released when its verticles are undeployed.
   */
  Future<?> deploy(MuttRuntime rt, List<String> summary);

  /** Whether it needs the PostgreSQL pool ({@link MuttRuntime#pg()} is null otherwise). */
  default boolean needsDatabase() {
    return false;
  }

  /** Whether it calls Moogsoft: on a local run without MOOG_WEBHOOK_URL the stand-in starts. */
  default boolean callsMoogsoft() {
    return false;
  }

  /** The secrets it cannot start without (generated and kept under the data dir on a local run). */
  default List<String> requiredSecrets() {
    return List.of();
  }
}
