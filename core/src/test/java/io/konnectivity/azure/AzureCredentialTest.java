package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class AzureCredentialTest {

    @Test
    void toStringNeverShowsTheSecretOrThePassword() {
        AzureCredential secret =
                AzureCredential.clientSecret(AzureCloud.PUBLIC, "tenant-1", "client-1", "s3cr3t-value");
        AzureCredential certificate = AzureCredential.clientCertificate(
                AzureCloud.CHINA, "tenant-1", "client-1", "/secrets/sp.pfx", "pfx-password");

        assertThat(secret.toString())
                .isEqualTo("AzureCredential[CLIENT_SECRET, PUBLIC, tenant tenant-1, client client-1, secret ****]")
                .doesNotContain("s3cr3t");
        assertThat(certificate.toString()).doesNotContain("pfx-password").contains("/secrets/sp.pfx");
        assertThat(certificate.isPfx()).isTrue();
    }

    @Test
    void servicePrincipalsNeedTenantClientAndSecret() {
        assertThatThrownBy(() -> AzureCredential.clientSecret(AzureCloud.PUBLIC, null, "client", " "))
                .hasMessage("A client secret credential needs a tenant id, a client secret; none was given.");
        assertThat(AzureCredential.managedIdentity(AzureCloud.PUBLIC, null).kind())
                .isEqualTo(AzureCredential.Kind.MANAGED_IDENTITY);
    }

    @Test
    void isSerializableForTheJenkinsAgent() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(AzureCredential.defaultChain(AzureCloud.US_GOVERNMENT, "tenant"));
            out.writeObject(ArmEndpoint.of(AzureCloud.US_GOVERNMENT));
            out.writeObject(ArmSettings.DEFAULT);
        }
        assertThat(AzureCloud.US_GOVERNMENT.authorityHost()).isEqualTo("https://login.microsoftonline.us/");
        assertThat(ArmEndpoint.of(AzureCloud.CHINA).url()).isEqualTo("https://management.chinacloudapi.cn/");
    }
}
