package io.konnectivity.cli.azure;

import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.ArmEndpoint;
import io.konnectivity.azure.ArmSettings;
import io.konnectivity.azure.AzureCloud;
import io.konnectivity.azure.AzureCredential;
import io.konnectivity.azure.TokenCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options every Azure command shares: how to sign in, to which cloud, and which subscriptions. Secrets come from
 * environment variables or files; {@code --client-secret} without a value prompts for it, so that it never lands in
 * the shell history unless a value is given on purpose.
 */
public final class AzureOptions {

    /** The environment variables the Azure CLI and SDKs read too. */
    static final String SECRET_VARIABLE = "AZURE_CLIENT_SECRET";

    static final String CERTIFICATE_PASSWORD_VARIABLE = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
    static final String SUBSCRIPTION_VARIABLE = "AZURE_SUBSCRIPTION_ID";

    @Option(
            names = "--credential",
            paramLabel = "KIND",
            defaultValue = "default",
            converter = CredentialKindConverter.class,
            description =
                    "How to sign in: client-secret, client-certificate, managed-identity, or default (environment,"
                            + " workload identity, managed identity, Azure CLI login) (default: ${DEFAULT-VALUE}).")
    AzureCredential.Kind kind;

    @Option(names = "--tenant", description = "The Microsoft Entra tenant id (default: $AZURE_TENANT_ID).")
    String tenant;

    @Option(
            names = "--client-id",
            description = "The service principal's application id, or a user-assigned managed identity's client id"
                    + " (default: $AZURE_CLIENT_ID).")
    String clientId;

    @Option(
            names = "--client-secret",
            arity = "0..1",
            interactive = true,
            description = "Prompt for the client secret. Prefer $" + SECRET_VARIABLE + " or --client-secret-file: a"
                    + " value given here lands in the shell history.")
    char[] clientSecret;

    @Option(names = "--client-secret-file", description = "A file holding the client secret (its first line).")
    Path clientSecretFile;

    @Option(
            names = "--certificate",
            description = "The service principal's certificate: a PEM file with the private key, or a .pfx/.p12 file"
                    + " (default: $AZURE_CLIENT_CERTIFICATE_PATH).")
    Path certificate;

    @Option(
            names = "--certificate-password-file",
            description = "A file holding the PFX password (default: $" + CERTIFICATE_PASSWORD_VARIABLE + ").")
    Path certificatePasswordFile;

    @Option(
            names = "--cloud",
            defaultValue = "PUBLIC",
            converter = CloudConverter.class,
            description = "PUBLIC (AzureCloud), CHINA (AzureChinaCloud) or US_GOVERNMENT (AzureUSGovernment)"
                    + " (default: ${DEFAULT-VALUE}).")
    AzureCloud cloud;

    @Option(
            names = "--subscription",
            description = "The subscription id; repeat for several where a command takes several" + " (default: $"
                    + SUBSCRIPTION_VARIABLE + ").")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--arm-endpoint", hidden = true, description = "Another Resource Manager URL (tests, demos).")
    String armEndpoint;

    @Option(names = "--arm-ca-file", hidden = true, description = "The only CA trusted for --arm-endpoint (PEM).")
    Path armCaFile;

    @Option(
            names = "--arm-token-file",
            hidden = true,
            description = "Send this file's bearer token instead of signing in (the ARM emulator).")
    Path armTokenFile;

    @Option(
            names = "--arm-poll-interval-ms",
            hidden = true,
            defaultValue = "10000",
            description = "Milliseconds between polls of a long-running operation.")
    long pollIntervalMillis;

    UnaryOperator<String> environment = System::getenv;

    /** The credential the options describe; reads the secret files and variables it names. */
    public AzureCredential credential() throws IOException {
        String tenantId = orEnvironment(tenant, "AZURE_TENANT_ID");
        String client = orEnvironment(clientId, "AZURE_CLIENT_ID");
        return switch (kind) {
            case CLIENT_SECRET -> AzureCredential.clientSecret(cloud, tenantId, client, secret());
            case CLIENT_CERTIFICATE ->
                AzureCredential.clientCertificate(
                        cloud,
                        tenantId,
                        client,
                        certificate != null
                                ? certificate.toString()
                                : environment.apply("AZURE_CLIENT_CERTIFICATE_PATH"),
                        certificatePasswordFile != null
                                ? firstLine(certificatePasswordFile)
                                : environment.apply(CERTIFICATE_PASSWORD_VARIABLE));
            case MANAGED_IDENTITY -> AzureCredential.managedIdentity(cloud, client);
            case DEFAULT_CHAIN -> AzureCredential.defaultChain(cloud, tenantId);
        };
    }

    public ArmEndpoint endpoint() throws IOException {
        if (armEndpoint == null) {
            return ArmEndpoint.of(cloud);
        }
        return ArmEndpoint.custom(cloud, armEndpoint, armCaFile == null ? null : Files.readString(armCaFile));
    }

    public ArmSettings settings() {
        return ArmSettings.DEFAULT.withPollInterval(Duration.ofMillis(Math.max(1, pollIntervalMillis)));
    }

    /** Clients signed in as the options say; close them when done. */
    public ArmClients connect(Clock clock) throws IOException {
        if (armTokenFile != null) {
            return ArmClients.create(TokenCredentials.fixed(firstLine(armTokenFile), clock), endpoint(), settings());
        }
        return ArmClients.create(credential(), endpoint(), settings());
    }

    /** The subscriptions given, or $AZURE_SUBSCRIPTION_ID; at least one. */
    public List<String> subscriptions() {
        if (!subscriptions.isEmpty()) {
            return List.copyOf(subscriptions);
        }
        String fromEnvironment = environment.apply(SUBSCRIPTION_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException(
                    "No subscription: give --subscription, or set $" + SUBSCRIPTION_VARIABLE + ".");
        }
        return List.of(fromEnvironment.strip());
    }

    /** The one subscription of a command about one cluster. */
    public String subscription() {
        List<String> all = subscriptions();
        if (all.size() > 1) {
            throw new IllegalArgumentException(
                    "This command works on one cluster: give one --subscription, not " + all.size() + ".");
        }
        return all.get(0);
    }

    private String secret() throws IOException {
        if (clientSecret != null && clientSecret.length > 0) {
            return new String(clientSecret);
        }
        if (clientSecretFile != null) {
            return firstLine(clientSecretFile);
        }
        String fromEnvironment = environment.apply(SECRET_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("--credential client-secret needs the secret: set $" + SECRET_VARIABLE
                    + ", give --client-secret-file, or --client-secret to be prompted.");
        }
        return fromEnvironment;
    }

    private String orEnvironment(String value, String variable) {
        return value != null ? value : environment.apply(variable);
    }

    private static String firstLine(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("The file " + file + " does not exist.");
        }
    }

    /** Reads {@code client-secret} as well as {@code CLIENT_SECRET}, and {@code default} for the default chain. */
    static final class CredentialKindConverter implements picocli.CommandLine.ITypeConverter<AzureCredential.Kind> {
        @Override
        public AzureCredential.Kind convert(String value) {
            String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("DEFAULT")) {
                return AzureCredential.Kind.DEFAULT_CHAIN;
            }
            try {
                return AzureCredential.Kind.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a credential kind; use"
                        + " client-secret, client-certificate, managed-identity or default.");
            }
        }
    }

    /** Reads the enum names and the Azure CLI's cloud names alike. */
    static final class CloudConverter implements picocli.CommandLine.ITypeConverter<AzureCloud> {
        @Override
        public AzureCloud convert(String value) {
            return switch (value.strip().toUpperCase(Locale.ROOT).replace('-', '_')) {
                case "PUBLIC", "AZURECLOUD" -> AzureCloud.PUBLIC;
                case "CHINA", "AZURECHINACLOUD" -> AzureCloud.CHINA;
                case "US_GOVERNMENT", "USGOV", "AZUREUSGOVERNMENT" -> AzureCloud.US_GOVERNMENT;
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a cloud; use PUBLIC, CHINA or US_GOVERNMENT.");
            };
        }
    }
}
