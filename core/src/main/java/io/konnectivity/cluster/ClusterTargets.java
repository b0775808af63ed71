package io.konnectivity.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns kubeconfig files and a context choice into the clusters to check. */
public final class ClusterTargets {

    private ClusterTargets() {}

    /**
     * @param context the one context to use in each file; null for each file's current context
     * @param allContexts every context of every file instead
     */
    public static List<ClusterTarget> resolve(List<Path> kubeconfigs, String context, boolean allContexts)
            throws ClusterAccessException {
        if (kubeconfigs.isEmpty()) {
            throw new ClusterAccessException("No kubeconfig was given.");
        }
        if (allContexts && context != null) {
            throw new ClusterAccessException("Give either a context or all contexts, not both.");
        }
        List<ClusterTarget> targets = new ArrayList<>();
        for (Path path : kubeconfigs) {
            KubeconfigFile file = KubeconfigFile.load(path);
            List<String> contexts = allContexts ? file.contexts() : List.of(file.requireContext(context));
            for (String name : contexts) {
                targets.add(new ClusterTarget(name, path, name));
            }
        }
        return disambiguated(targets);
    }

    /** The same context name in two files would make two results indistinguishable: prefix the file name. */
    private static List<ClusterTarget> disambiguated(List<ClusterTarget> targets) {
        Map<String, Integer> counts = new HashMap<>();
        targets.forEach(target -> counts.merge(target.name(), 1, Integer::sum));
        return targets.stream()
                .map(target -> counts.get(target.name()) > 1
                        ? new ClusterTarget(
                                target.kubeconfig().getFileName() + ":" + target.name(),
                                target.kubeconfig(),
                                target.context())
                        : target)
                .toList();
    }
}
