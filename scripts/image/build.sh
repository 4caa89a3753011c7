#!/usr/bin/env bash
# Builds MUTT's OCI image without a container daemon and without any registry but Debian's:
#
#   base layer  a minimal Debian root assembled from Debian packages (libc6, libstdc++6, zlib1g, ...;
#               no shell, no package manager, no setuid binary) plus a Java 17 runtime cut with jlink
#               from the build machine's JDK (only the modules MUTT uses, with a class-data-sharing
#               archive), /etc/passwd with the user mutt (10001:10001) and an empty /tmp
#   app layer   /app/mutt.jar (the shaded jar: mvn -B -pl verticles -am package -DskipTests)
#
# assembled into an OCI layout with umoci and written as an OCI archive. The image runs as 10001:10001 and needs
# no writable path but /tmp (mount a tmpfs or emptyDir there; the root filesystem can be read-only).
#
# Usage: scripts/image/build.sh [--jar PATH] [--tag TAG] [--repository NAME] [--out DIR] [--load] [--print-ref]
#   --jar         the jar to package (default verticles/target/mutt.jar)
#   --repository  image name (default: image.repository of helm/mutt/values.yaml)
#   --tag         image tag (default: appVersion of helm/mutt/Chart.yaml), so the chart's default image is
#                 exactly what this script builds
#   --out         output folder (default verticles/target/image): oci/ (OCI layout), <name>-<tag>.oci.tar
#   --load        also load the image into podman's local storage as localhost/<repository>:<tag>
#   --print-ref   print <repository>:<tag> and exit (builds nothing)
#
# Installs what it needs with apt-get when missing (umoci, a JDK 17 with jmods), like scripts/ci-prereqs.sh.
# The base root is cached under $MUTT_IMAGE_CACHE (default ~/.cache/mutt-image) keyed by the Debian package
# versions, the JDK release and this script's base recipe; only the app layer is rebuilt when the jar changes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf 'image: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

jar="$root/verticles/target/mutt.jar"
out="$root/verticles/target/image"
repository=""
tag=""
load=false
print_ref=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --repository) repository="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --load) load=true; shift ;;
    --print-ref) print_ref=true; shift ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# The chart's defaults name the image: image.repository in values.yaml, the tag defaults to appVersion.
if [ -z "$repository" ]; then
  repository="$(sed -n '/^image:/,/^[^ ]/s/^  repository: *\([^ #]*\).*/\1/p' "$root/helm/mutt/values.yaml" | sed -n 1p)"
fi
if [ -z "$tag" ]; then
  tag="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$root/helm/mutt/Chart.yaml")"
fi
[ -n "$repository" ] && [ -n "$tag" ] || die "cannot read image.repository / appVersion from helm/mutt"
if $print_ref; then printf '%s:%s\n' "$repository" "$tag"; exit 0; fi
[ -f "$jar" ] || die "no jar at $jar: build it first (mvn -B -pl verticles -am package -DskipTests)"
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

# ------------------------------------------------------------------------------------------------
# what goes into the image

# Debian packages of the base root: the C and C++ runtime and zlib the JVM links against, plus the
# os-release/ folder skeleton (base-files) and /etc/services, /etc/protocols (netbase).
BASE_PACKAGES=(base-files netbase libc6 libgcc-s1 gcc-12-base libstdc++6 zlib1g)
# Java modules of the runtime: `jdeps --print-module-deps` of the shaded jar, plus what is only
# reached by reflection or service loading: TLS elliptic curves, zip file systems (Flyway's
# classpath scan), extra charsets and locale data, DNS naming, instrumentation.
JAVA_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
UID_GID=10001
# Bump when the base recipe below changes, so cached bases are rebuilt.
BASE_RECIPE=1
PORTS=(8080 8081 8082 8083 8084 8086 8087 8090 5701)

# ------------------------------------------------------------------------------------------------
# tools

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
apt_updated=false
apt_update() {
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then die "need root (or sudo) to run apt-get update"; fi
  log "apt-get update"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  apt_updated=true
}
apt_install() { # packages...
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then die "need root (or sudo) to install: $*"; fi
  $apt_updated || apt_update
  log "apt-get install $*"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

command -v umoci >/dev/null 2>&1 || apt_install umoci
command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is missing (this script needs a Debian-based machine)"
# apt needs package lists to download from
policy="$(apt-cache policy libc6 2>/dev/null || true)"
if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then apt_update; fi

# A JDK 17 with jmods (jlink's input): JAVA_HOME when it is one, else Debian's openjdk-17-jdk-headless.
jdk=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] && [ -f "$candidate/jmods/java.base.jmod" ] \
    && grep -q '^JAVA_VERSION="17' "$candidate/release" 2>/dev/null; then
    jdk="$candidate"; break
  fi
done
if [ -z "$jdk" ]; then
  apt_install openjdk-17-jdk-headless
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
  for candidate in /usr/lib/jvm/java-17-openjdk-*; do
    if [ -f "$candidate/jmods/java.base.jmod" ]; then jdk="$candidate"; fi
  done
  [ -f "$jdk/jmods/java.base.jmod" ] || die "no JDK 17 with jmods found after installing openjdk-17-jdk-headless"
fi

# ------------------------------------------------------------------------------------------------
# base root (cached)

versions=""
for p in "${BASE_PACKAGES[@]}"; do
  v="$(apt-cache policy "$p" | sed -n 's/^ *Candidate: //p')"
  [ -n "$v" ] && [ "$v" != "(none)" ] || die "Debian package $p has no candidate version (apt sources?)"
  versions+="$p=$v "
done
key="$(printf '%s\n' "$BASE_RECIPE" "$versions" "$JAVA_MODULES" "$UID_GID" "$(cat "$jdk/release")" \
  | sha256sum | cut -c1-16)"
cache="${MUTT_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mutt-image}"
base="$cache/base-$key"

build_base() {
  local work
  work="$(mktemp -d "$cache/base-$key.tmp.XXXXXX")"
  mkdir -p "$work/debs" "$work/root"
  local r="$work/root"
  log "base: downloading ${BASE_PACKAGES[*]}"
  chmod 0777 "$work/debs" # apt-get download drops privileges to _apt when it can
  # shellcheck disable=SC2086 # one word per package=version
  local sandbox=()
  [ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
  (cd "$work/debs" && apt-get download -q "${sandbox[@]}" $versions >&2)
  # Debian's merged /usr: /bin, /lib, /lib64 and /sbin are links into /usr
  mkdir -p "$r/usr/bin" "$r/usr/lib" "$r/usr/lib64" "$r/usr/sbin"
  for d in bin lib lib64 sbin; do ln -s "usr/$d" "$r/$d"; done
  mkdir -p "$r/var/lib/dpkg/status.d"
  local deb name
  for deb in "$work"/debs/*.deb; do
    name="$(dpkg-deb -f "$deb" Package)"
    dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$r"
    # what scanners read on distroless-style roots: one control file per package
    dpkg-deb -f "$deb" > "$r/var/lib/dpkg/status.d/$name"
  done
  # documentation stays out except the licences
  find "$r/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
  find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$r/usr/share/man" "$r/usr/share/info" "$r/usr/share/lintian" "$r/usr/share/locale" \
    "$r/usr/share/gcc" "$r/usr/share/gdb"
  # the dynamic linker's cache (no ldconfig runs inside the image)
  ldconfig -r "$r" 2>/dev/null || true

  log "base: jlink from $jdk"
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$JAVA_MODULES" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$r/opt/java"
  # class-data-sharing archive of the runtime's classes (faster start, shared read-only pages)
  "$r/opt/java/bin/java" -Xshare:dump >/dev/null
  ln -s ../../opt/java/bin/java "$r/usr/bin/java"

  # user, groups and name resolution
  mkdir -p "$r/etc"
  cat >"$r/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
mutt:x:$UID_GID:$UID_GID:MUTT:/var/lib/mutt:/usr/sbin/nologin
EOF
  cat >"$r/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
mutt:x:$UID_GID:
EOF
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$r/etc/nsswitch.conf"
  mkdir -p "$r/tmp" "$r/var/lib/mutt" "$r/app" "$r/root" "$r/proc" "$r/sys" "$r/dev"
  chmod 1777 "$r/tmp"
  chmod 0700 "$r/root"
  chown "$UID_GID:$UID_GID" "$r/var/lib/mutt" 2>/dev/null || true
  printf '%s\n' $versions "jdk=$(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$jdk/release" | tr -d '"')" \
    "modules=$JAVA_MODULES" >"$r/opt/java/mutt-image-base.txt"

  # the runtime must start inside the root as the image's user, with the CDS archive
  if [ "$(id -u)" -eq 0 ]; then
    local check=(unshare --mount --pid --fork --mount-proc="$r/proc"
      chroot --userspec="$UID_GID:$UID_GID" "$r" /usr/bin/java -Xshare:on -version)
    "${check[@]}" >/dev/null 2>&1 || { "${check[@]}" || true; die "base: java does not start in the root"; }
  fi
  rm -rf "$work/debs"
  # a concurrent build may have cached the same base meanwhile: keep the first
  mv -T "$r" "$base" 2>/dev/null || log "base: $base appeared meanwhile, using it"
  rm -rf "$work"
}

mkdir -p "$cache"
if [ -d "$base" ]; then
  log "base: cached $base"
else
  build_base
fi

# ------------------------------------------------------------------------------------------------
# app layer and OCI image

version="$(unzip -p "$jar" META-INF/maven/io.mutt/mutt-verticles/pom.properties 2>/dev/null \
  | sed -n 's/^version=//p' | tr -d '\r')"
revision="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
rootless=()
if [ "$(id -u)" -ne 0 ]; then
  rootless=(--rootless)
  log "not root: the layers record every file as root's (/var/lib/mutt too; only embedded servers write there)"
fi

rm -rf "$out/oci" "$out/app"
mkdir -p "$out/app/app"
cp "$jar" "$out/app/app/mutt.jar"
chmod 0644 "$out/app/app/mutt.jar"
oci="$out/oci"
ref="$oci:$tag"

log "oci: layers"
umoci init --layout "$oci"
umoci new --image "$ref"
umoci insert "${rootless[@]}" --image "$ref" --history.created_by "scripts/image/build.sh base: ${BASE_PACKAGES[*]} + jlink" "$base" /
umoci insert "${rootless[@]}" --image "$ref" --history.created_by "scripts/image/build.sh app: /app/mutt.jar" "$out/app" /
config=(
  --config.user "$UID_GID:$UID_GID"
  --config.workingdir /var/lib/mutt
  --config.env PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin
  --config.env JAVA_HOME=/opt/java
  --config.env LANG=C.UTF-8
  --config.env HOME=/var/lib/mutt
  --config.env MUTT_DATA_DIR=/var/lib/mutt
  --config.env MUTT_JSON_LOG_FILE=none
  --config.entrypoint java --config.entrypoint -jar --config.entrypoint /app/mutt.jar
  --config.cmd run
  --config.label "org.opencontainers.image.title=mutt"
  --config.label "org.opencontainers.image.description=MUTT (Multi-Use Telemetry Tool)"
  --config.label "org.opencontainers.image.version=${version:-$tag}"
  --config.label "org.opencontainers.image.revision=$revision"
  --history.created_by "scripts/image/build.sh config"
)
for p in "${PORTS[@]}"; do config+=(--config.exposedports "$p/tcp"); done
umoci config --image "$ref" "${config[@]}"
umoci gc --layout "$oci"

archive="$out/$repository-$tag.oci.tar"
rm -f "$archive"
tar -C "$oci" -cf "$archive" .

# sizes: compressed = the layers a registry stores and a node pulls; uncompressed = the root on disk
compressed=0
uncompressed=0
for layer in $(find "$oci/blobs/sha256" -type f -size +4k); do
  if gzip -t "$layer" 2>/dev/null; then
    compressed=$((compressed + $(stat -c %s "$layer")))
    uncompressed=$((uncompressed + $(gzip -dc "$layer" | wc -c)))
  fi
done
log "built $repository:$tag: $((compressed / 1048576)) MiB compressed, $((uncompressed / 1048576)) MiB uncompressed (layers)"
log "OCI layout $oci ($tag), archive $archive"

if $load; then
  command -v podman >/dev/null 2>&1 || apt_install podman
  previous="$(podman image inspect --format '{{.Id}}' "localhost/$repository:$tag" 2>/dev/null || true)"
  id="$(podman pull -q "oci-archive:$archive:$tag")"
  podman tag "$id" "localhost/$repository:$tag"
  # the image this one replaces, unless a container still uses it
  if [ -n "$previous" ] && [ "$previous" != "$id" ]; then podman rmi "$previous" >/dev/null 2>&1 || true; fi
  # the archive's reference name alone (the tag) also became a name: drop it
  podman untag "$id" "localhost/$tag:latest" 2>/dev/null || true
  log "loaded localhost/$repository:$tag ($id)"
fi
printf '%s\n' "$archive"
