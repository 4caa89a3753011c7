package io.mutt.remediation;

import io.mutt.testsupport.MuttTestApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The remediation roles a test starts on its base settings, and what else it opens: all closed
 * after the test, the latest first. Registered with {@code @RegisterExtension} on an instance
 * field.
 */
final class RemediationApps implements AutoCloseable, AfterEachCallback {

  private final Map<String, String> base;
  private final List<AutoCloseable> open = new ArrayList<>();

  RemediationApps(Map<String, String> base) {
    this.base = base;
  }

  /** A remediation role on the base settings with {@code extra} on top. */
  MuttTestApp start(Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(base);
    s.putAll(extra);
    return closeAfter(MuttTestApp.start("remediation", s));
  }

  <T extends AutoCloseable> T closeAfter(T resource) {
    open.add(0, resource);
    return resource;
  }

  /** Stops one now (and not again after the test). */
  void closeNow(MuttTestApp app) {
    open.remove(app);
    app.close();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    close();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    open.clear();
  }
}
