package io.konnectivity.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kubeconfig file read once: its contexts, and for each context a client configuration and its certificates. */
public final class KubeconfigFile {

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private final Path path;
    private final String content;
    private final io.fabric8.kubernetes.api.model.Config parsed;
    private final Map<String, Config> configs = new HashMap<>();

    private KubeconfigFile(Path path, String content, io.fabric8.kubernetes.api.model.Config parsed) {
        this.path = path;
        this.content = content;
        this.parsed = parsed;
    }

    public static KubeconfigFile load(Path path) throws ClusterAccessException {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClusterAccessException("The kubeconfig " + path + " does not exist.");
        } catch (IOException e) {
            throw new ClusterAccessException("The kubeconfig " + path + " cannot be read: " + e.getMessage() + ".");
        }
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfigFromString(content);
        } catch (RuntimeException e) {
            throw new ClusterAccessException(
                    "The kubeconfig " + path + " does not parse as a kubeconfig" + position(e) + ".");
        }
        if (parsed == null
                || parsed.getContexts() == null
                || parsed.getContexts().isEmpty()) {
            throw new ClusterAccessException("The kubeconfig " + path + " defines no context.");
        }
        return new KubeconfigFile(path, content, parsed);
    }

    public Path path() {
        return path;
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
        throw new ClusterAccessException("The kubeconfig " + path + " sets no current-context; choose one of "
                + String.join(", ", contexts()) + " with --context.");
    }

    /** {@code requested}, checked against the file; or the current context when null. */
    public String requireContext(String requested) throws ClusterAccessException {
        if (requested == null) {
            return currentContext();
        }
        if (!contexts().contains(requested)) {
            throw new ClusterAccessException("The kubeconfig " + path + " has no context '" + requested + "'; it has "
                    + String.join(", ", contexts()) + ".");
        }
        return requested;
    }

    /** A fabric8 client configuration for {@code context}, failing fast instead of retrying. */
    public Config clientConfig(String context, Duration timeout) throws ClusterAccessException {
        Config config = contextConfig(context);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** The configuration of {@code context}, parsed once: a kubeconfig can be large and is read several times. */
    private synchronized Config contextConfig(String context) throws ClusterAccessException {
        String name = requireContext(context);
        Config config = configs.get(name);
        if (config != null) {
            return config;
        }
        try {
            config = Config.fromKubeconfig(name, content, path.toString());
        } catch (RuntimeException e) {
            throw new ClusterAccessException("The kubeconfig " + path + " context '" + context + "' cannot be used: "
                    + e.getClass().getSimpleName() + position(e) + ".");
        }
        configs.put(name, config);
        return config;
    }

    /** The API server URL of {@code context}. */
    public String server(String context) throws ClusterAccessException {
        return withoutTrailingSlash(contextConfig(context).getMasterUrl());
    }

    /** The cluster CA the context trusts, when it names one (inline or as a file). */
    public Optional<byte[]> certificateAuthority(String context) throws ClusterAccessException {
        Config config = contextConfig(context);
        return inlineOrFile(config.getCaCertData(), config.getCaCertFile(), "certificate-authority");
    }

    /** The client certificate the context authenticates with, when it uses one. */
    public Optional<byte[]> clientCertificate(String context) throws ClusterAccessException {
        Config config = contextConfig(context);
        return inlineOrFile(config.getClientCertData(), config.getClientCertFile(), "client-certificate");
    }

    private Optional<byte[]> inlineOrFile(String data, String file, String field) throws ClusterAccessException {
        if (data != null && !data.isBlank()) {
            try {
                return Optional.of(Base64.getMimeDecoder().decode(data.strip()));
            } catch (IllegalArgumentException e) {
                throw new ClusterAccessException(
                        "The kubeconfig " + path + " holds a " + field + "-data value that is not base64.");
            }
        }
        if (file != null && !file.isBlank()) {
            Path resolved = path.toAbsolutePath().resolveSibling(file);
            try {
                return Optional.of(Files.readAllBytes(resolved));
            } catch (IOException e) {
                throw new ClusterAccessException(
                        "The kubeconfig " + path + " names " + field + " file " + resolved + ", which cannot be read.");
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
        return "kubeconfig " + path;
    }
}
