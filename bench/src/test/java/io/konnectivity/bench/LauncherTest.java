package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./konnectivity} launcher, run from a copy of the project's layout holding the built jar: it records a
 * class-data-sharing archive once per build, starts from it afterwards, and falls back without asking again when the
 * JVM cannot make one.
 */
class LauncherTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = PROJECT.resolve("cli/target/konnectivity.jar");

    @TempDir
    Path root;

    private Path archive;

    @BeforeEach
    void copyTheLayout() throws IOException {
        assertThat(JAR)
                .as("the command-line jar, built by the cli module before this one")
                .isRegularFile();
        for (String sources : List.of("core/src/main", "sandbox/src/main", "cli/src/main")) {
            Files.createDirectories(root.resolve(sources));
        }
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(PROJECT.resolve("konnectivity"), root.resolve("konnectivity"));
        // Newer than the source folders, so the launcher does not build.
        Files.copy(JAR, root.resolve("cli/target/konnectivity.jar"), StandardCopyOption.REPLACE_EXISTING);
        archive = root.resolve("cli/target/konnectivity.jsa");
    }

    @Test
    void recordsTheArchiveOnceAndStartsFromItAfterwards() throws Exception {
        Run first = launch(Map.of());

        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout()).contains("konnectivity");
        assertThat(first.stderr()).contains("Recording the classes a run loads");
        assertThat(archive).isNotEmptyFile();
        assertThat(root.resolve("cli/target/konnectivity.jsa.failed")).doesNotExist();

        Run second = launch(Map.of());

        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).doesNotContain("Recording");
    }

    @Test
    void aJvmWithoutClassDataSharingIsAskedOnceAndTheCommandStillRuns() throws Exception {
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        Path java = bin.resolve("java");
        Files.writeString(
                java, """
                #!/bin/sh
                for argument in "$@"; do
                  case "$argument" in
                    -XX:ArchiveClassesAtExit=*|-XX:SharedArchiveFile=*) echo "Unrecognized option: $argument" >&2; exit 1;;
                  esac
                done
                exec "%s" "$@"
                """.formatted(Path.of(System.getProperty("java.home"), "bin", "java")), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));

        Run first = launch(path);

        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout()).contains("konnectivity");
        assertThat(first.stderr()).contains("Class-data sharing is not available");
        assertThat(archive).doesNotExist();
        assertThat(root.resolve("cli/target/konnectivity.jsa.failed")).exists();

        Run second = launch(path);

        assertThat(second.exitCode()).isZero();
        assertThat(second.stderr()).doesNotContain("Recording").doesNotContain("not available");
    }

    @Test
    void turnedOffItRecordsNothing() throws Exception {
        Run run = launch(Map.of("KONNECTIVITY_CDS", "off"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("konnectivity");
        assertThat(run.stderr()).doesNotContain("Recording");
        assertThat(archive).doesNotExist();
    }

    private Run launch(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", root.resolve("konnectivity").toString(), "--version")
                .directory(root.toFile())
                .redirectOutput(root.resolve("stdout").toFile())
                .redirectError(root.resolve("stderr").toFile());
        builder.environment().remove("KONNECTIVITY_JAVA_OPTS");
        builder.environment().remove("KONNECTIVITY_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the launcher ends").isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(root.resolve("stdout")),
                Files.readString(root.resolve("stderr")));
    }

    private record Run(int exitCode, String stdout, String stderr) {}
}
