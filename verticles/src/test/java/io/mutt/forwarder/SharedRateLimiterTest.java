package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared limiter's bookkeeping in real Redis (ADR 0011): one sorted-set member per grant, the
 * permit count kept beside it, trimmed members subtracted, and a lost count rebuilt from the
 * members — where members in the spec's {@code <ms>:<suffix>} form (other tools) count one permit
 * each.
 */
class SharedRateLimiterTest {

  MuttTestApp app;
  MuttRuntime rt;
  SharedRateLimiter limiter;
  String key;

  @BeforeEach
  void start() {
    app = MuttTestApp.start("forwarder", Map.of("MOOG_RATE_LIMIT", "10", "MOOG_RATE_PERIOD", "1"));
    rt = app.app.runtime();
    key = rt.keys().moogRateLimit + ":unit";
    limiter =
        new SharedRateLimiter(
            rt.redis(), key, rt.dynamic(), ForwarderSettings.from(rt.config(), rt.secrets()));
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void grants_up_to_the_limit_with_one_member_per_grant_and_frees_permits_when_the_window_passes()
      throws Exception {
    SharedRateLimiter.Grant a = limiter.acquire(4).await();
    SharedRateLimiter.Grant b = limiter.acquire(4).await();
    SharedRateLimiter.Grant c = limiter.acquire(4).await();
    assertThat(a.granted()).isEqualTo(4);
    assertThat(b.granted()).isEqualTo(4);
    assertThat(c.granted()).isEqualTo(2);
    assertThat(c.waitMs()).isPositive();
    assertThat(cmd(Command.ZCARD, key).toLong()).isEqualTo(3);
    assertThat(cmd(Command.GET, key + ":permits").toLong()).isEqualTo(10);
    assertThat(limiter.acquire(1).await().granted()).isZero();

    limiter.complete(a).await();
    limiter.complete(b).await();
    limiter.complete(c).await();
    Thread.sleep(1100); // the completed grants leave the 1 s window
    SharedRateLimiter.Grant d = limiter.acquire(7).await();
    assertThat(d.granted()).isEqualTo(7);
    assertThat(cmd(Command.ZCARD, key).toLong()).isEqualTo(1);
    assertThat(cmd(Command.GET, key + ":permits").toLong()).isEqualTo(7);
  }

  @Test
  void a_lost_count_is_rebuilt_from_the_members_and_foreign_members_count_one_each() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < 6; i++) { // the spec's member form, as another tool would write it
      rt.redis()
          .send(Request.cmd(Command.ZADD).arg(key).arg(now + 5000).arg(now + ":" + i))
          .await();
    }
    rt.redis().send(Request.cmd(Command.ZADD).arg(key).arg(now + 5000).arg("other-1*3")).await();
    SharedRateLimiter.Grant g = limiter.acquire(5).await();
    assertThat(g.granted()).isEqualTo(1); // 6 + 3 permits already taken of 10
    assertThat(cmd(Command.GET, key + ":permits").toLong()).isEqualTo(10);
  }

  private Response cmd(Command c, String k) {
    return rt.redis().send(Request.cmd(c).arg(k)).await();
  }
}
