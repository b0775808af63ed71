package io.konnectivity.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Many simulated clusters in one JVM. A fleet runs only {@code servers} sandbox API servers, and its kubeconfig gives
 * every simulated cluster its own context, context {@code i} (counted from 0) pointing at server {@code i % servers}:
 * contexts that share a server share its objects, CA and admin credential, which is how a thousand clusters fit in
 * one JVM. A tool under test sees a thousand clusters; a test that changes objects through one context sees the change
 * through every context on the same server.
 */
public final class SandboxFleet implements AutoCloseable {

    private final List<SandboxCluster> servers;
    private final List<String> contexts;
    private final Path directory;
    private final Path kubeconfig;

    private SandboxFleet(List<SandboxCluster> servers, List<String> contexts, Path directory) {
        this.servers = List.copyOf(servers);
        this.contexts = List.copyOf(contexts);
        this.directory = directory;
        this.kubeconfig = directory.resolve("kubeconfig");
    }

    /**
     * Starts {@code min(clusters, servers)} sandbox clusters and writes one kubeconfig with {@code clusters} contexts
     * named {@code <clusterName>-0001}, {@code <clusterName>-0002} and so on, where the cluster name is that of the
     * server the context points at.
     *
     * @param scenarioForIndex the scenario of each server, called with the server index from 0 to servers - 1
     */
    public static SandboxFleet start(int clusters, int servers, Function<Integer, SandboxScenario> scenarioForIndex) {
        if (clusters < 1 || servers < 1) {
            throw new IllegalArgumentException("A fleet needs at least one cluster and one server, but was asked for "
                    + clusters + " clusters on " + servers + " servers");
        }
        int serverCount = Math.min(clusters, servers);
        List<SandboxCluster> started = new ArrayList<>(serverCount);
        Path directory = null;
        try {
            for (int i = 0; i < serverCount; i++) {
                started.add(SandboxCluster.start(scenarioForIndex.apply(i)));
            }
            directory = KubeconfigFile.privateDirectory("konnectivity-sandbox-fleet-");
            KubeconfigFile file = new KubeconfigFile();
            List<String> serverEntries = new ArrayList<>(serverCount);
            for (int i = 0; i < serverCount; i++) {
                SandboxCluster server = started.get(i);
                String entry = server.scenario().clusterName() + "-server-" + i;
                server.addTo(file, entry, SandboxCluster.userEntry(entry));
                serverEntries.add(entry);
            }
            List<String> contexts = new ArrayList<>(clusters);
            for (int i = 0; i < clusters; i++) {
                int server = i % serverCount;
                String context =
                        String.format("%s-%04d", started.get(server).scenario().clusterName(), i + 1);
                String entry = serverEntries.get(server);
                file.context(context, entry, SandboxCluster.userEntry(entry));
                contexts.add(context);
            }
            file.writeTo(directory.resolve("kubeconfig"));
            return new SandboxFleet(started, contexts, directory);
        } catch (RuntimeException e) {
            started.forEach(SandboxCluster::close);
            KubeconfigFile.deleteDirectory(directory);
            throw e;
        }
    }

    /** The kubeconfig with every context, its first context current. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The context names, in order: context {@code i} points at {@code servers().get(i % servers().size())}. */
    public List<String> contexts() {
        return contexts;
    }

    public List<SandboxCluster> servers() {
        return servers;
    }

    /** The server behind a context of this fleet. */
    public SandboxCluster serverOf(String context) {
        int index = contexts.indexOf(context);
        if (index < 0) {
            throw new IllegalArgumentException("The fleet has no context '" + context + "'; its contexts run from "
                    + contexts.get(0) + " to " + contexts.get(contexts.size() - 1));
        }
        return servers.get(index % servers.size());
    }

    @Override
    public void close() {
        try {
            servers.forEach(SandboxCluster::close);
        } finally {
            KubeconfigFile.deleteDirectory(directory);
        }
    }
}
