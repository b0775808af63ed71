package io.konnectivity.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kubeconfig file read once: its contexts, and for each context a client configuration and its certificates. */
public final class KubeconfigFile {

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    /** The file it was read from; null for one held in memory only. */
    private final Path path;
    /** How messages name it: the file's path, or where an in-memory one came from. */
    private final String source;

    private final io.fabric8.kubernetes.api.model.Config parsed;

    private KubeconfigFile(Path path, String source, io.fabric8.kubernetes.api.model.Config parsed) {
        this.path = path;
        this.source = source;
        this.parsed = parsed;
    }

    public static KubeconfigFile load(Path path) throws ClusterAccessException {
        if (!Files.exists(path)) {
            throw new ClusterAccessException("The kubeconfig " + path + " does not exist.");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ClusterAccessException("The kubeconfig " + path + " cannot be read.");
        }
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            // Parsed from the file, so that relative certificate and key paths resolve against its directory.
            parsed = KubeConfigUtils.parseConfig(path.toFile());
        } catch (RuntimeException e) {
            throw new ClusterAccessException(
                    "The kubeconfig " + path + " does not parse as a kubeconfig" + position(e) + ".");
        }
        return checked(path, path.toString(), parsed);
    }

    /**
     * A kubeconfig held in memory only, such as one fetched from ARM: it is parsed here and never written anywhere.
     *
     * @param source how messages name it, such as {@code the user kubeconfig of rg/aks-prod from ARM}
     */
    public static KubeconfigFile inMemory(String source, byte[] content) throws ClusterAccessException {
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfigFromString(new String(content, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ClusterAccessException(
                    "The kubeconfig " + source + " does not parse as a kubeconfig" + position(e) + ".");
        }
        return checked(null, source, parsed);
    }

    private static KubeconfigFile checked(Path path, String source, io.fabric8.kubernetes.api.model.Config parsed)
            throws ClusterAccessException {
        if (parsed == null
                || parsed.getContexts() == null
                || parsed.getContexts().isEmpty()) {
            throw new ClusterAccessException("The kubeconfig " + source + " defines no context.");
        }
        return new KubeconfigFile(path, source, parsed);
    }

    /** The file it was read from; empty for one held in memory only. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    public List<String> contexts() {
        return parsed.getContexts().stream().map(NamedContext::getName).toList();
    }

    /** The context a run without {@code --context} uses: the file's current context, or its only one. */
    public String currentContext() throws ClusterAccessException {
        String current = parsed.getCurrentContext();
        if (current != null && !current.isBlank()) {
            return requireContext(current);
        }
        if (contexts().size() == 1) {
            return contexts().get(0);
        }
        throw new ClusterAccessException("The kubeconfig " + source + " sets no current-context; choose one of "
                + String.join(", ", contexts()) + " with --context.");
    }

    /** {@code requested}, checked against the file; or the current context when null. */
    public String requireContext(String requested) throws ClusterAccessException {
        if (requested == null) {
            return currentContext();
        }
        if (!contexts().contains(requested)) {
            throw new ClusterAccessException("The kubeconfig " + source + " has no context '" + requested + "'; it has "
                    + String.join(", ", contexts()) + ".");
        }
        return requested;
    }

    /**
     * A new fabric8 client configuration for {@code context}, failing fast instead of retrying. Each call returns its
     * own instance, which the caller may change, and runs the context's {@code exec} credential plugin, if any, once.
     */
    public Config clientConfig(String context, Duration timeout) throws ClusterAccessException {
        Config config = buildConfig(requireContext(context));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /**
     * What {@link Config#fromKubeconfig(String, String, String)} builds, from the file parsed once: a file with many
     * contexts is not parsed again for each of them. fabric8 notes facts on the context, cluster and user it merges, so
     * it gets copies of them: contexts of one file are built in parallel, each running its own credential plugin.
     */
    private Config buildConfig(String name) throws ClusterAccessException {
        NamedContext context = namedContext(name);
        NamedCluster cluster = namedCluster(name, context);
        refuseInteractiveLogin(name, context);
        io.fabric8.kubernetes.api.model.Config single = new io.fabric8.kubernetes.api.model.Config();
        single.setCurrentContext(name);
        single.setContexts(List.of(new NamedContextBuilder(context).build()));
        single.setClusters(List.of(new NamedClusterBuilder(cluster).build()));
        single.setUsers(namedUser(context).map(user -> new NamedAuthInfoBuilder(user).build()).stream()
                .toList());
        try {
            Config config = Config.empty();
            KubeConfigUtils.merge(config, name, single);
            Config.configFromSysPropsOrEnvVars(config);
            String server = config.getMasterUrl();
            if (server == null || server.isBlank()) {
                throw noServer(name);
            }
            config.setMasterUrl(normalisedServer(server));
            return config;
        } catch (RuntimeException e) {
            throw new ClusterAccessException("The kubeconfig " + source + " context '" + name + "' cannot be used: "
                    + e.getClass().getSimpleName() + position(e) + ".");
        }
    }

    /**
     * fabric8 runs an {@code exec} credential plugin with no time limit: one that waits for a person, such as kubelogin's
     * device-code login (what AKS hands out for Entra ID clusters), would hold a check until it timed out and leave the
     * process behind. It is refused before it starts.
     */
    private void refuseInteractiveLogin(String name, NamedContext context) throws ClusterAccessException {
        Optional<ExecConfig> exec =
                namedUser(context).map(NamedAuthInfo::getUser).map(AuthInfo::getExec);
        if (exec.isEmpty()) {
            return;
        }
        List<String> args =
                exec.get().getArgs() == null ? List.of() : exec.get().getArgs();
        boolean deviceCode = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean loginFlag = arg.equals("--login") || arg.equals("-l");
            if (arg.equals("--login=devicecode")
                    || arg.equals("-l=devicecode")
                    || (loginFlag && i + 1 < args.size() && args.get(i + 1).equals("devicecode"))) {
                deviceCode = true;
            }
        }
        if (deviceCode || "Always".equals(exec.get().getInteractiveMode())) {
            throw new ClusterAccessException("The kubeconfig " + source + " context '" + name + "' logs in"
                    + " interactively (" + exec.get().getCommand() + (deviceCode ? " with a device code" : "")
                    + "), which cannot run unattended. Use a non-interactive login, such as `kubelogin"
                    + " convert-kubeconfig -l azurecli` (or spn, msi), or the admin credential.");
        }
    }

    private NamedContext namedContext(String name) throws ClusterAccessException {
        NamedContext context = parsed.getContexts().stream()
                .filter(candidate -> name.equals(candidate.getName()))
                .findFirst()
                .orElseThrow();
        if (context.getContext() == null) {
            throw new ClusterAccessException("The kubeconfig " + source + " context '" + name + "' is empty.");
        }
        return context;
    }

    private NamedCluster namedCluster(String name, NamedContext context) throws ClusterAccessException {
        String cluster = context.getContext().getCluster();
        List<NamedCluster> clusters = named(parsed.getClusters(), NamedCluster::getName, cluster);
        if (clusters.isEmpty()) {
            throw new ClusterAccessException("The kubeconfig " + source + " context '" + name + "' names cluster '"
                    + cluster + "', which the file does not define.");
        }
        return clusters.get(0);
    }

    /** The cluster entry of {@code context}, read from the parsed file without building a client configuration. */
    private Cluster cluster(String context) throws ClusterAccessException {
        String name = requireContext(context);
        Cluster cluster = namedCluster(name, namedContext(name)).getCluster();
        if (cluster == null
                || cluster.getServer() == null
                || cluster.getServer().isBlank()) {
            throw noServer(name);
        }
        return cluster;
    }

    /** The user entry of {@code context}, when the file defines it. */
    private Optional<AuthInfo> user(String context) throws ClusterAccessException {
        return namedUser(namedContext(requireContext(context))).map(NamedAuthInfo::getUser);
    }

    /** The user entry a context names, the first of that name, as fabric8 takes it. */
    private Optional<NamedAuthInfo> namedUser(NamedContext context) {
        return named(
                        parsed.getUsers(),
                        NamedAuthInfo::getName,
                        context.getContext().getUser())
                .stream()
                .findFirst();
    }

    private ClusterAccessException noServer(String name) {
        return new ClusterAccessException(
                "The kubeconfig " + source + " context '" + name + "' names no cluster with a server.");
    }

    private static String normalisedServer(String server) {
        String url = server.contains("://") ? server : "https://" + server;
        return url.endsWith("/") ? url : url + "/";
    }

    private static <T> List<T> named(List<T> entries, Function<T, String> name, String wanted) {
        return entries == null || wanted == null
                ? List.of()
                : entries.stream()
                        .filter(entry -> wanted.equals(name.apply(entry)))
                        .toList();
    }

    /** The API server URL of {@code context}. */
    public String server(String context) throws ClusterAccessException {
        return withoutTrailingSlash(normalisedServer(cluster(context).getServer()));
    }

    /** The cluster CA the context trusts, when it names one (inline or as a file). */
    public Optional<byte[]> certificateAuthority(String context) throws ClusterAccessException {
        Cluster cluster = cluster(context);
        return inlineOrFile(
                cluster.getCertificateAuthorityData(), cluster.getCertificateAuthority(), "certificate-authority");
    }

    /** The client certificate the context authenticates with, when it uses one. */
    public Optional<byte[]> clientCertificate(String context) throws ClusterAccessException {
        Optional<AuthInfo> user = user(context);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return inlineOrFile(
                user.get().getClientCertificateData(), user.get().getClientCertificate(), "client-certificate");
    }

    private Optional<byte[]> inlineOrFile(String data, String file, String field) throws ClusterAccessException {
        if (data != null && !data.isBlank()) {
            try {
                return Optional.of(Base64.getMimeDecoder().decode(data.strip()));
            } catch (IllegalArgumentException e) {
                throw new ClusterAccessException(
                        "The kubeconfig " + source + " holds a " + field + "-data value that is not base64.");
            }
        }
        if (file != null && !file.isBlank()) {
            Path resolved = path == null ? Path.of(file) : path.toAbsolutePath().resolveSibling(file);
            try {
                return Optional.of(Files.readAllBytes(resolved));
            } catch (IOException e) {
                throw new ClusterAccessException("The kubeconfig " + source + " names " + field + " file " + resolved
                        + ", which cannot be read.");
            }
        }
        return Optional.empty();
    }

    static String withoutTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Where a parser stopped, without repeating the text around it: a kubeconfig line may hold a token. */
    private static String position(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Matcher matcher = POSITION.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return " (near line " + matcher.group(1) + ", column " + matcher.group(2) + ")";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "kubeconfig " + source;
    }
}
