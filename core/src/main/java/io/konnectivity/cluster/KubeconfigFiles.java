package io.konnectivity.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubeconfig files of one run, each read and parsed once however many of its contexts are checked: a file with a
 * thousand contexts would otherwise be parsed a thousand times. Keep one per run, so that edits show in the next.
 */
public final class KubeconfigFiles {

    private final Map<Path, Loaded> files = new ConcurrentHashMap<>();

    public KubeconfigFile load(Path path) throws ClusterAccessException {
        return files.computeIfAbsent(path.toAbsolutePath().normalize(), ignored -> Loaded.of(path))
                .get();
    }

    private record Loaded(KubeconfigFile file, ClusterAccessException error) {
        static Loaded of(Path path) {
            try {
                return new Loaded(KubeconfigFile.load(path), null);
            } catch (ClusterAccessException e) {
                return new Loaded(null, e);
            }
        }

        KubeconfigFile get() throws ClusterAccessException {
            if (error != null) {
                throw new ClusterAccessException(error.getMessage(), error);
            }
            return file;
        }
    }
}
