package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.rotate.RotationReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    private static RotationFixtures.Key key;
    private static String publicKey;

    @BeforeAll
    static void makeKeys() throws Exception {
        key = RotationFixtures.key();
        publicKey = RotationFixtures.publicKey();
    }

    @Test
    void removesAPemPrivateKeyOfAnyKind() {
        assertThat(KeyMaterial.redact("refused: " + key.pem() + "and more"))
                .isEqualTo("refused: [private key removed]\nand more");
        String rsa = key.pem().replace("PRIVATE KEY", "RSA PRIVATE KEY");
        assertThat(KeyMaterial.redact("a " + rsa)).isEqualTo("a [private key removed]\n");
        String encrypted = key.pem().replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
        assertThat(KeyMaterial.redact(encrypted)).isEqualTo("[private key removed]\n");
    }

    @Test
    void removesAPemPrivateKeyCutOffBeforeItsEndLine() {
        String cutOff = key.pem().substring(0, key.pem().length() / 2);

        assertThat(KeyMaterial.redact("422: " + cutOff)).isEqualTo("422: [private key removed]");
    }

    @Test
    void removesAPrivateKeyInBase64AsSecretDataOrAsDer() {
        assertThat(KeyMaterial.redact("{\"client.key\":\"" + key.secretData() + "\"}"))
                .isEqualTo("{\"client.key\":\"[private key removed]\"}");
        assertThat(KeyMaterial.redact("key " + key.der() + ".")).isEqualTo("key [private key removed].");
    }

    @Test
    void keepsPublicKeysCertificateFactsAndOrdinaryText() {
        List<String> kept = List.of(
                "public key " + publicKey,
                "fingerprint AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
                "serial 7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
                "the Secret has no client.key; PRIVATE KEY is not mentioned here as a block",
                "");
        for (String text : kept) {
            assertThat(KeyMaterial.redact(text)).isEqualTo(text);
        }
        assertThat(KeyMaterial.redact((String) null)).isNull();
    }

    @Test
    void noFormatEverShowsAPrivateKeyThatAMessageQuoted() {
        RotationReport report = RotationFixtures.quotingKeys(key, publicKey);
        List<String> rendered = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            rendered.add(format.renderer().render(report));
        }
        rendered.add(new TableReport(true).render(report));

        List<String> secrets = new ArrayList<>();
        for (String base64 : List.of(key.der(), key.secretData())) {
            for (int start = 0; start + 24 <= base64.length(); start += 24) {
                secrets.add(base64.substring(start, start + 24));
            }
        }
        for (String output : rendered) {
            assertThat(output).doesNotContain("PRIVATE KEY").doesNotContain(secrets);
        }
        assertThat(rendered.get(ReportFormat.JSON.ordinal()))
                .contains("[private key removed]")
                .contains(publicKey)
                .contains("\"detail\": \"backed up {\\\"client.key\\\":\\\"[private key removed]\\\"}\"");
    }

    @Test
    void leavesAReportWithoutKeysAsItIs() {
        RotationReport rotated = RotationFixtures.rotated();

        assertThat(KeyMaterial.redact(rotated)).isEqualTo(rotated);
    }
}
