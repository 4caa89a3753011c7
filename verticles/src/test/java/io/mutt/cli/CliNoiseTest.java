package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mutt silence add|list|expire} and {@code mutt backtest} against a real web role. */
class CliNoiseTest extends WebRoleCliTest {

  @Test
  void silences_are_added_listed_and_expired() {
    Cli add =
        cli(
            "silence",
            "add",
            "-m",
            "hostname_glob=sw*",
            "-m",
            "team=NETO",
            "--for",
            "2h",
            "--comment",
            "firmware",
            "--author",
            "ann",
            "--json");
    assertThat(add.exit()).as(add.toString()).isZero();
    int id = add.jsonObject().getInteger("id");
    Cli list = cli("silence", "list");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains(id + " ")
        .contains("active")
        .contains("hostname_glob=sw* team=NETO")
        .contains("(ann: firmware)");
    Cli expire = cli("silence", "expire", String.valueOf(id));
    assertThat(expire.exit()).as(expire.toString()).isZero();
    assertThat(cli("silence", "list").out()).doesNotContain("(ann: firmware)");
    assertThat(cli("silence", "list", "--state", "expired").out()).contains("(ann: firmware)");
    Cli again = cli("silence", "expire", String.valueOf(id));
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).contains("Silence already expired");
    Cli bad = cli("silence", "add", "-m", "hostname", "--for", "2h", "--comment", "x");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    Cli badKind = cli("silence", "add", "-m", "host=x", "--for", "2h", "--comment", "x");
    assertThat(badKind.exit()).isNotZero();
    assertThat(badKind.err()).contains("matchers[0].kind");
  }

  @Test
  void backtest_prints_the_diff(@TempDir Path dir) throws Exception {
    Path draft = dir.resolve("draft.json");
    Files.writeString(
        draft,
        new JsonObject()
            .put("rules", new JsonObject().put("remove", new io.vertx.core.json.JsonArray().add(2)))
            .encode());
    Cli res = cli("backtest", "--draft", draft.toString(), "--since", "1d");
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(res.out()).contains("events replayed from").contains("would change");
    Cli json = cli("backtest", "--draft", draft.toString(), "--since", "1d", "--json");
    assertThat(json.jsonObject().getLong("events")).isNotNull();
  }
}
