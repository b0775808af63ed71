package io.konnectivity.report;

import io.konnectivity.check.CheckReport;
import io.konnectivity.rotate.RotationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a check report or a rotation report into a directory, one file per format. The two reports have files of their
 * own, so a rotation never overwrites the check report beside it.
 */
public final class ReportWriter {

    private final List<ReportFormat> formats;

    /** A writer of every file format: all but the table. */
    public ReportWriter() {
        this(ReportFormat.fileFormats());
    }

    public ReportWriter(List<ReportFormat> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("A report writer needs at least one format to write.");
        }
        this.formats = List.copyOf(formats);
    }

    /** Renders and writes every format into {@code directory}, creating it if needed; returns the files written. */
    public List<Path> write(CheckReport report, Path directory) throws IOException {
        return write(directory, ReportRenderer::fileName, renderer -> renderer.render(report));
    }

    /**
     * Renders and writes every format of a rotation report into {@code directory}, creating it if needed, under the
     * rotation's own file names such as {@code konnectivity-rotation.json}; returns the files written.
     */
    public List<Path> write(RotationReport report, Path directory) throws IOException {
        return write(directory, ReportRenderer::rotationFileName, renderer -> renderer.render(report));
    }

    private List<Path> write(
            Path directory, Function<ReportRenderer, String> fileName, Function<ReportRenderer, String> content)
            throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            ReportRenderer renderer = format.renderer();
            written.add(writeAtomically(directory.resolve(fileName.apply(renderer)), content.apply(renderer)));
        }
        return written;
    }

    /**
     * Readers such as the Prometheus node exporter's textfile collector or a Jenkins archiver may pick a file up at
     * any moment, so each one is written beside its target and renamed into place.
     */
    private static Path writeAtomically(Path target, String content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        try {
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException("Could not write the report file " + target + ": " + e.getMessage(), e);
        }
    }
}
