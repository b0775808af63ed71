package io.konnectivity.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import reactor.core.publisher.Mono;

/** Turns an {@link AzureCredential} into the SDK's {@link TokenCredential}; no token is requested until first use. */
public final class TokenCredentials {

    private TokenCredentials() {}

    /** @param httpClient the client sign-in requests go through; null for the SDK's default */
    public static TokenCredential of(AzureCredential credential, HttpClient httpClient) {
        String authority = credential.cloud().authorityHost();
        return switch (credential.kind()) {
            case CLIENT_SECRET ->
                withClient(
                                new ClientSecretCredentialBuilder()
                                        .authorityHost(authority)
                                        .tenantId(credential.tenantId())
                                        .clientId(credential.clientId())
                                        .clientSecret(credential.secret()),
                                httpClient)
                        .build();
            case CLIENT_CERTIFICATE -> {
                ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                        .authorityHost(authority)
                        .tenantId(credential.tenantId())
                        .clientId(credential.clientId());
                if (credential.isPfx()) {
                    builder.pfxCertificate(credential.certificatePath());
                    if (credential.certificatePassword() != null) {
                        builder.clientCertificatePassword(credential.certificatePassword());
                    }
                } else {
                    builder.pemCertificate(credential.certificatePath());
                }
                yield withClient(builder, httpClient).build();
            }
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                if (credential.clientId() != null) {
                    builder.clientId(credential.clientId());
                }
                yield withClient(builder, httpClient).build();
            }
            case DEFAULT_CHAIN -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().authorityHost(authority);
                if (credential.tenantId() != null) {
                    builder.tenantId(credential.tenantId());
                }
                yield withClient(builder, httpClient).build();
            }
        };
    }

    /**
     * A credential that always hands out {@code token}, valid for an hour from {@code clock}'s now: for the ARM
     * emulator, and for callers that obtained a token elsewhere.
     */
    public static TokenCredential fixed(String token, Clock clock) {
        return new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.just(getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                return new AccessToken(
                        token, clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
            }

            @Override
            public String toString() {
                return "fixed bearer token";
            }
        };
    }

    private static <T extends com.azure.identity.CredentialBuilderBase<T>> T withClient(T builder, HttpClient client) {
        return client == null ? builder : builder.httpClient(client);
    }
}
