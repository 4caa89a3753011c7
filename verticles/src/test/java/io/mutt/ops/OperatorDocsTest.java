package io.mutt.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.validation.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator cheat-sheet covers every dynamic-config key MUTT validates, with the CLI and curl
 * forms, and every picture it shows exists (the browser test writes them); the ADR template is
 * there.
 */
class OperatorDocsTest {

  static final Path DOCS = PrometheusRulesTest.REPO.resolve("docs");

  @Test
  void theCheatSheetHasARowForEveryDynamicKeyAndBothWaysToChangeIt() throws IOException {
    String sheet = Files.readString(DOCS.resolve("OPERATOR-CHEATSHEET.md"));
    assertThat(ConfigValidator.knownKeys()).hasSizeGreaterThan(20);
    for (String key : ConfigValidator.knownKeys()) {
      assertThat(sheet).as(key).containsPattern("(?m)^\\| `" + Pattern.quote(key) + "`");
    }
    assertThat(sheet)
        .contains("mutt config get", "mutt config set", "mutt config list", "mutt config history")
        .contains("curl -s -X PUT", "/api/v2/config", "/api/v2/config/history");
  }

  @Test
  void everyPictureTheDocsShowExists() throws IOException {
    String sheet = Files.readString(DOCS.resolve("OPERATOR-CHEATSHEET.md"));
    Matcher m = Pattern.compile("!\\[[^\\]]*]\\(([^)]+)\\)").matcher(sheet);
    int n = 0;
    while (m.find()) {
      n++;
      Path image = DOCS.resolve(m.group(1));
      assertThat(image).as(m.group(1)).isRegularFile();
      assertThat(Files.size(image)).isGreaterThan(10_000);
    }
    assertThat(n).isPositive();
    assertThat(DOCS.resolve("adr/TEMPLATE.md")).isRegularFile();
  }
}
