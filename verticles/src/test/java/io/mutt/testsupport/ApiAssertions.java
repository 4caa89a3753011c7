package io.mutt.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.web.client.HttpResponse;

/** Assertions on the API's answers shared by the HTTP tests. */
public final class ApiAssertions {

  private ApiAssertions() {}

  /** An error answer: {@code status}, a JSON body, and {@code message} as its {@code error}. */
  public static void assertError(HttpResponse<?> res, int status, String message) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(status);
    assertThat(res.getHeader("Content-Type")).startsWith("application/json");
    assertThat(res.bodyAsJsonObject().getString("error")).isEqualTo(message);
  }
}
