package io.mutt.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only permissions for the local run's data: folders 0700, files 0600. On a file system
 * without POSIX permissions nothing is changed.
 */
final class FilePermissions {

  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private FilePermissions() {}

  /** Creates the folder when missing and makes it 0700 (its content is left as it is). */
  static Path privateDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    set(dir, DIR);
    return dir;
  }

  /** The folder and everything below it: folders 0700, regular files 0600. */
  static void privateTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        if (Files.isDirectory(p)) {
          set(p, DIR);
        } else if (Files.isRegularFile(p)) {
          set(p, FILE);
        }
      }
    }
  }

  static void privateFile(Path file) throws IOException {
    set(file, FILE);
  }

  private static void set(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException ignored) {
      // non-POSIX file system
    }
  }
}
