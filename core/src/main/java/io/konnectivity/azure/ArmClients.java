package io.konnectivity.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The Azure Resource Manager clients of one credential: one HTTP pipeline over OkHttp (bounded retries, bearer
 * tokens, no request or body logging), shared by a container service and a compute client per subscription.
 */
public final class ArmClients implements AutoCloseable {

    private final ArmEndpoint endpoint;
    private final ArmSettings settings;
    private final OkHttpClient okHttp;
    private final HttpPipeline pipeline;
    private final Map<String, ContainerServiceManager> containerServices = new ConcurrentHashMap<>();
    private final Map<String, ComputeManager> computes = new ConcurrentHashMap<>();

    private ArmClients(ArmEndpoint endpoint, ArmSettings settings, OkHttpClient okHttp, HttpPipeline pipeline) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.okHttp = okHttp;
        this.pipeline = pipeline;
    }

    /** Clients that sign in with {@code credential}; no request is made until the first call. */
    public static ArmClients create(AzureCredential credential, ArmEndpoint endpoint, ArmSettings settings) {
        OkHttpClient okHttp = okHttp(endpoint, settings);
        HttpClient http = new OkHttpAsyncHttpClientBuilder(okHttp).build();
        // A custom CA is trusted for the Resource Manager only; sign-in keeps the SDK's own client and trust store.
        TokenCredential token = TokenCredentials.of(credential, endpoint.trustedCaPem() == null ? http : null);
        return new ArmClients(endpoint, settings, okHttp, pipeline(token, endpoint, settings, http));
    }

    /** Clients that authenticate with a ready {@link TokenCredential}, such as {@link TokenCredentials#fixed}. */
    public static ArmClients create(TokenCredential token, ArmEndpoint endpoint, ArmSettings settings) {
        OkHttpClient okHttp = okHttp(endpoint, settings);
        HttpClient http = new OkHttpAsyncHttpClientBuilder(okHttp).build();
        return new ArmClients(endpoint, settings, okHttp, pipeline(token, endpoint, settings, http));
    }

    public ArmEndpoint endpoint() {
        return endpoint;
    }

    public ArmSettings settings() {
        return settings;
    }

    /** The AKS operations of a subscription. */
    public ManagedClustersClient managedClusters(String subscription) {
        return containerServices
                .computeIfAbsent(subscription, id -> ContainerServiceManager.authenticate(pipeline, profile(id)))
                .serviceClient()
                .getManagedClusters();
    }

    /** The compute operations of a subscription: scale sets, their VMs and run-command. */
    public ComputeManagementClient compute(String subscription) {
        return computes.computeIfAbsent(subscription, id -> ComputeManager.authenticate(pipeline, profile(id)))
                .serviceClient();
    }

    /** Stops the HTTP client's threads and closes its idle connections. */
    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "ArmClients[" + endpoint + "]";
    }

    private AzureProfile profile(String subscription) {
        return new AzureProfile(null, subscription, endpoint.environment());
    }

    static HttpPipeline pipeline(TokenCredential token, ArmEndpoint endpoint, ArmSettings settings, HttpClient http) {
        return new HttpPipelineBuilder()
                .httpClient(http)
                .policies(
                        new UserAgentPolicy("konnectivity"),
                        new RequestIdPolicy(),
                        StartsWorkPolicy.unwrap(),
                        new RetryPolicy(new ArmRetryStrategy(settings)),
                        new StartsWorkPolicy(),
                        new AddDatePolicy(),
                        new ArmChallengeAuthenticationPolicy(token, endpoint.scope()),
                        // NONE: request and response bodies carry kubeconfigs, and headers carry tokens.
                        new HttpLoggingPolicy(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE)))
                .build();
    }

    private static OkHttpClient okHttp(ArmEndpoint endpoint, ArmSettings settings) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentRequests());
        long timeout = settings.requestTimeout().toMillis();
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.maxConcurrentRequests(), 1, TimeUnit.MINUTES))
                .connectTimeout(Math.min(timeout, 10_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS)
                .callTimeout(timeout, TimeUnit.MILLISECONDS);
        if (endpoint.trustedCaPem() != null) {
            X509TrustManager trust = trustOnly(endpoint.trustedCaPem());
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        return builder.build();
    }

    private static X509TrustManager trustOnly(String caPem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalArgumentException("The CA file for the Resource Manager holds no PEM certificate.");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("This JVM offers no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("The CA for the Resource Manager cannot be read: " + e.getMessage(), e);
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS for the Resource Manager", e);
        }
    }
}
