package io.contrast4j.data.corpora;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Downloads packages through the ordinary registry clients installed on the machine: {@code npm pack}
 * for npm packages and Maven's dependency plugin ({@code dependency:copy}) for Maven artifacts. Using
 * the clients (rather than HTTP calls of our own) means the user's registry configuration, mirrors,
 * proxies and caches apply unchanged.
 */
public final class RegistryClient {
    /** The dependency plugin version, pinned so that the copy goal behaves the same everywhere. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final long TIMEOUT_MINUTES = 15;

    private final Optional<Path> npm;
    private final Optional<Path> mvn;
    private final Map<String, String> environment;

    public RegistryClient() {
        this(findOnPath("npm"), findOnPath("mvn"));
    }

    RegistryClient(Optional<Path> npm, Optional<Path> mvn) {
        this(npm, mvn, Map.of());
    }

    /** With extra environment variables for the clients (e.g. {@code npm_config_registry}). */
    RegistryClient(Optional<Path> npm, Optional<Path> mvn, Map<String, String> environment) {
        this.npm = npm;
        this.mvn = mvn;
        this.environment = Map.copyOf(environment);
    }

    public boolean hasNpm() {
        return npm.isPresent();
    }

    public boolean hasMaven() {
        return mvn.isPresent();
    }

    /** {@code npm pack <name>@<version>} into {@code dir}; returns the downloaded .tgz. */
    public Path npmPack(String name, String version, Path dir) throws SourceUnavailableException {
        Path client = npm.orElseThrow(() -> new SourceUnavailableException(
                "npm not found on PATH: install Node.js and npm (Debian: apt-get install npm) to fetch npm packages"));
        String spec = name + "@" + version;
        run(List.of(client.toString(), "pack", spec, "--pack-destination", dir.toString(), "--silent"), dir, "npm pack " + spec);
        // npm names the tarball <name without @, / replaced by ->-<version>.tgz
        Path tgz = dir.resolve(name.replace("@", "").replace('/', '-') + "-" + version + ".tgz");
        if (!Files.isRegularFile(tgz)) throw new SourceUnavailableException("npm pack " + spec + " did not produce " + tgz.getFileName());
        return tgz;
    }

    /**
     * Copies one Maven artifact ({@code group:artifact:version[:type]}) into {@code dir} with
     * {@code mvn dependency:copy}; returns the file.
     */
    public Path mavenCopy(String group, String artifact, String version, String type, Path dir) throws SourceUnavailableException {
        Path client = mvn.orElseThrow(() -> new SourceUnavailableException(
                "mvn (Apache Maven) not found on PATH: install it (Debian: apt-get install maven) to fetch Maven artifacts"));
        String gav = group + ":" + artifact + ":" + version + ":" + type;
        run(List.of(client.toString(), "-B", "-q", DEPENDENCY_PLUGIN + ":copy", "-Dartifact=" + gav,
                "-DoutputDirectory=" + dir, "-Dmdep.overWriteReleases=true"), dir, "mvn dependency:copy " + gav);
        Path file = dir.resolve(artifact + "-" + version + "." + type);
        if (!Files.isRegularFile(file)) throw new SourceUnavailableException("mvn dependency:copy " + gav + " did not produce " + file.getFileName());
        return file;
    }

    private void run(List<String> command, Path dir, String what) throws SourceUnavailableException {
        Path log;
        try {
            log = Files.createTempFile(dir, "client-", ".log");
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        // Run in the download folder: Maven must not pick up a project pom.xml from the caller's folder.
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new SourceUnavailableException(what + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new SourceUnavailableException(what + " failed (exit " + p.exitValue() + "): " + lastLines(log));
            }
        } catch (IOException e) {
            throw new SourceUnavailableException(what + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(what + " interrupted", e);
        }
    }

    /** The client's last meaningful output lines, joined into one line for the failure reason. */
    private static String lastLines(Path log) {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String s = l.replaceAll("\u001B\\[[;\\d]*m", "").strip();
                if (!s.isEmpty() && !s.startsWith("WARNING: ")) lines.add(s);
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            String joined = String.join(" | ", tail);
            return joined.length() > 600 ? joined.substring(0, 600) + "..." : joined;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    public static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
