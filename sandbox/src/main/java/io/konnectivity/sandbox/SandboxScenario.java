package io.konnectivity.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a simulated cluster looks like: its agent certificate and workload, how its tunnel fails, and how its API server
 * answers. Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param clusterName a DNS label; names the CA, the kubeconfig context and the konnectivity server host
 * @param agentCertificateExpiresIn time from now until the agent certificate expires; negative means already expired
 * @param agentKeyType the key type of the agent certificate
 * @param agentAuthentication how the agent authenticates to the konnectivity server
 * @param workloadKind whether the agent runs as a Deployment (AKS) or a DaemonSet (upstream)
 * @param agentReplicas how many agent pods run, one per node
 * @param secretMode the {@code addonmanager.kubernetes.io/mode} label of the Secret, or null for no label
 * @param tunnelError which of the errors seen in the field the pod log endpoint answers when the tunnel is down
 * @param latency added to every response that has a body
 * @param forbidden resources, such as {@code secrets} or {@code pods/log}, that answer 403 to every verb
 * @param extraTlsSecrets whether other namespaces hold Secrets with certificates too, for scanning
 * @param kubernetesVersion the version {@code /version} reports, without the leading {@code v}
 * @param clock the time the certificates are dated by and the tunnel is judged at
 * @param deniedPermissions permissions such as {@code update secrets} or {@code create pods/eviction} ("verb
 *     resource[/subresource]") the kubeconfig's user lacks: access reviews deny them and requests needing them answer
 *     403
 * @param csrSigning how the client CSR signer (and whoever approves) treats a request for
 *     {@code kubernetes.io/kube-apiserver-client}
 * @param maxCertificateLifetime the longest certificate the signer issues, whatever {@code expirationSeconds} asks
 * @param agentsBecomeReady whether agent pods started by a rollout or an eviction become Ready; the seeded pods are
 */
public record SandboxScenario(
        String clusterName,
        Duration agentCertificateExpiresIn,
        SandboxPki.KeyType agentKeyType,
        AgentAuth agentAuthentication,
        WorkloadKind workloadKind,
        int agentReplicas,
        String secretMode,
        TunnelError tunnelError,
        Duration latency,
        Set<String> forbidden,
        boolean extraTlsSecrets,
        String kubernetesVersion,
        Clock clock,
        Set<String> deniedPermissions,
        CsrSigningMode csrSigning,
        Duration maxCertificateLifetime,
        boolean agentsBecomeReady) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern PERMISSION = Pattern.compile("([a-z]+|\\*) [a-z][a-z0-9.-]*(/[a-z][a-z0-9-]*)?");
    private static final Duration MINIMUM_CERTIFICATE_LIFETIME = Duration.ofMinutes(10);

    /** How the konnectivity agent authenticates to the konnectivity server. */
    public enum AgentAuth {
        CLIENT_CERTIFICATE,
        SERVICE_ACCOUNT_TOKEN
    }

    /** The kind of workload that runs the agent pods. */
    public enum WorkloadKind {
        DEPLOYMENT,
        DAEMONSET
    }

    /** The error texts seen in the field when the tunnel is down. */
    public enum TunnelError {
        /** {@code Get "https://<node>:10250/containerLogs/...": dial tcp <ip>:10250: i/o timeout}. */
        IO_TIMEOUT,
        /** {@code error dialing backend: dial tcp <ip>:10250: i/o timeout}. */
        DIAL_BACKEND,
        /** {@code No agent available}. */
        NO_AGENT
    }

    /** What becomes of a CertificateSigningRequest for the client signer {@code kubernetes.io/kube-apiserver-client}. */
    public enum CsrSigningMode {
        /** Approval gets it signed by the cluster CA at once, as kube-controller-manager does. */
        SIGN,
        /** Someone denies it right after it is created: a {@code Denied} condition appears. */
        DENY,
        /** Approval gets a {@code Failed} condition with reason {@code SignerValidationFailure}. */
        FAIL,
        /** It is approved but never signed, as when the signer is not running. */
        NEVER,
        /** Approval gets it signed by a CA other than the cluster CA, which the konnectivity server does not trust. */
        OTHER_CA,
        /** Approval gets it signed with a notAfter a day earlier than the certificate the Secret holds. */
        SHORTER,
        /** Approval gets it signed for a subject other than the one requested. */
        WRONG_SUBJECT
    }

    /** The scenario as it was before access reviews, CSR signing modes and readiness were added. */
    public SandboxScenario(
            String clusterName,
            Duration agentCertificateExpiresIn,
            SandboxPki.KeyType agentKeyType,
            AgentAuth agentAuthentication,
            WorkloadKind workloadKind,
            int agentReplicas,
            String secretMode,
            TunnelError tunnelError,
            Duration latency,
            Set<String> forbidden,
            boolean extraTlsSecrets,
            String kubernetesVersion,
            Clock clock) {
        this(
                clusterName,
                agentCertificateExpiresIn,
                agentKeyType,
                agentAuthentication,
                workloadKind,
                agentReplicas,
                secretMode,
                tunnelError,
                latency,
                forbidden,
                extraTlsSecrets,
                kubernetesVersion,
                clock,
                Set.of(),
                CsrSigningMode.SIGN,
                Duration.ofDays(365),
                true);
    }

    public SandboxScenario {
        Objects.requireNonNull(clusterName, "clusterName");
        if (!DNS_LABEL.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("The cluster name must be a lower-case DNS label of at most 52"
                    + " characters, such as aks-prod-1, but was '" + clusterName + "'");
        }
        Objects.requireNonNull(agentCertificateExpiresIn, "agentCertificateExpiresIn");
        Objects.requireNonNull(agentKeyType, "agentKeyType");
        Objects.requireNonNull(agentAuthentication, "agentAuthentication");
        Objects.requireNonNull(workloadKind, "workloadKind");
        if (agentReplicas < 0) {
            throw new IllegalArgumentException("The agent replicas must be 0 or more, but were " + agentReplicas);
        }
        Objects.requireNonNull(tunnelError, "tunnelError");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("The latency must be zero or more, but was " + latency);
        }
        forbidden = Set.copyOf(forbidden);
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        if (!VERSION.matcher(kubernetesVersion).matches()) {
            throw new IllegalArgumentException(
                    "The Kubernetes version must look like 1.29.4, but was '" + kubernetesVersion + "'");
        }
        Objects.requireNonNull(clock, "clock");
        deniedPermissions = Set.copyOf(deniedPermissions);
        for (String permission : deniedPermissions) {
            if (!PERMISSION.matcher(permission).matches()) {
                throw new IllegalArgumentException("A denied permission must read 'verb resource' or 'verb"
                        + " resource/subresource' (verb * for every verb), such as 'update secrets' or 'create"
                        + " pods/eviction', but was '" + permission + "'");
            }
        }
        Objects.requireNonNull(csrSigning, "csrSigning");
        Objects.requireNonNull(maxCertificateLifetime, "maxCertificateLifetime");
        if (maxCertificateLifetime.compareTo(MINIMUM_CERTIFICATE_LIFETIME) < 0) {
            throw new IllegalArgumentException(
                    "The maximum certificate lifetime must be 10 minutes or more, but was " + maxCertificateLifetime);
        }
    }

    /** A healthy AKS cluster named {@code sandbox} whose agent certificate expires in 200 days. */
    public static SandboxScenario defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .clusterName(clusterName)
                .agentCertificateExpiresIn(agentCertificateExpiresIn)
                .agentKeyType(agentKeyType)
                .agentAuthentication(agentAuthentication)
                .workloadKind(workloadKind)
                .agentReplicas(agentReplicas)
                .secretMode(secretMode)
                .tunnelError(tunnelError)
                .latency(latency)
                .forbidden(forbidden)
                .extraTlsSecrets(extraTlsSecrets)
                .kubernetesVersion(kubernetesVersion)
                .clock(clock)
                .deniedPermissions(deniedPermissions)
                .csrSigning(csrSigning)
                .maxCertificateLifetime(maxCertificateLifetime)
                .agentsBecomeReady(agentsBecomeReady);
    }

    /** Builds a {@link SandboxScenario}; every field starts at the default. */
    public static final class Builder {
        private String clusterName = "sandbox";
        private Duration agentCertificateExpiresIn = Duration.ofDays(200);
        private SandboxPki.KeyType agentKeyType = SandboxPki.KeyType.RSA_2048;
        private AgentAuth agentAuthentication = AgentAuth.CLIENT_CERTIFICATE;
        private WorkloadKind workloadKind = WorkloadKind.DEPLOYMENT;
        private int agentReplicas = 2;
        private String secretMode = "EnsureExists";
        private TunnelError tunnelError = TunnelError.IO_TIMEOUT;
        private Duration latency = Duration.ZERO;
        private Set<String> forbidden = Set.of();
        private boolean extraTlsSecrets = true;
        private String kubernetesVersion = "1.29.4";
        private Clock clock = Clock.systemUTC();
        private Set<String> deniedPermissions = Set.of();
        private CsrSigningMode csrSigning = CsrSigningMode.SIGN;
        private Duration maxCertificateLifetime = Duration.ofDays(365);
        private boolean agentsBecomeReady = true;

        private Builder() {}

        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        public Builder agentCertificateExpiresIn(Duration agentCertificateExpiresIn) {
            this.agentCertificateExpiresIn = agentCertificateExpiresIn;
            return this;
        }

        public Builder agentKeyType(SandboxPki.KeyType agentKeyType) {
            this.agentKeyType = agentKeyType;
            return this;
        }

        public Builder agentAuthentication(AgentAuth agentAuthentication) {
            this.agentAuthentication = agentAuthentication;
            return this;
        }

        public Builder workloadKind(WorkloadKind workloadKind) {
            this.workloadKind = workloadKind;
            return this;
        }

        public Builder agentReplicas(int agentReplicas) {
            this.agentReplicas = agentReplicas;
            return this;
        }

        public Builder secretMode(String secretMode) {
            this.secretMode = secretMode;
            return this;
        }

        public Builder tunnelError(TunnelError tunnelError) {
            this.tunnelError = tunnelError;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder forbidden(Set<String> forbidden) {
            this.forbidden = forbidden;
            return this;
        }

        public Builder forbidden(String... resources) {
            return forbidden(Set.of(resources));
        }

        public Builder extraTlsSecrets(boolean extraTlsSecrets) {
            this.extraTlsSecrets = extraTlsSecrets;
            return this;
        }

        public Builder kubernetesVersion(String kubernetesVersion) {
            this.kubernetesVersion = kubernetesVersion;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder deniedPermissions(Set<String> deniedPermissions) {
            this.deniedPermissions = deniedPermissions;
            return this;
        }

        /** Permissions such as {@code "update secrets"}, {@code "approve signers"} or {@code "create pods/eviction"}. */
        public Builder deniedPermissions(String... permissions) {
            return deniedPermissions(Set.of(permissions));
        }

        public Builder csrSigning(CsrSigningMode csrSigning) {
            this.csrSigning = csrSigning;
            return this;
        }

        public Builder maxCertificateLifetime(Duration maxCertificateLifetime) {
            this.maxCertificateLifetime = maxCertificateLifetime;
            return this;
        }

        public Builder agentsBecomeReady(boolean agentsBecomeReady) {
            this.agentsBecomeReady = agentsBecomeReady;
            return this;
        }

        public SandboxScenario build() {
            return new SandboxScenario(
                    clusterName,
                    agentCertificateExpiresIn,
                    agentKeyType,
                    agentAuthentication,
                    workloadKind,
                    agentReplicas,
                    secretMode,
                    tunnelError,
                    latency,
                    forbidden,
                    extraTlsSecrets,
                    kubernetesVersion,
                    clock,
                    deniedPermissions,
                    csrSigning,
                    maxCertificateLifetime,
                    agentsBecomeReady);
        }
    }
}
