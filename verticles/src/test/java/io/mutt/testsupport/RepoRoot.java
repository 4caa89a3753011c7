package io.mutt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, for tests that read its files (conf/, helm/, docs/, scripts/). */
public final class RepoRoot {

  private RepoRoot() {}

  /**
   * Surefire sets {@code mutt.repo.root}; elsewhere (an IDE), the nearest folder above the working
   * directory that holds {@code marker}.
   */
  public static Path find(String marker) {
    String property = System.getProperty("mutt.repo.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(marker))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (set -Dmutt.repo.root)");
  }
}
