package io.konnectivity.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How far a rotation got, recorded on its Lease so that a rerun after a crash can finish or roll back.
 *
 * @param backup the backup Secret made for this rotation; null before the backup step
 * @param csr the CertificateSigningRequest made for it; null before the CSR step
 * @param previousFingerprint the agent certificate's fingerprint before the rotation
 * @param newFingerprint the fingerprint being written into the Secret, recorded before the write; null before the update
 *     step
 */
public record RotationState(Phase phase, String backup, String csr, String previousFingerprint, String newFingerprint) {

    /** Lease annotation that holds the state as JSON. */
    public static final String ANNOTATION = "konnectivity.io/rotation-state";

    /** The last step a rotation finished. */
    public enum Phase {
        LOCKED,
        BACKED_UP,
        CSR_CREATED,
        /** About to write the issued certificate: a rerun reads the Secret to learn whether the write landed. */
        UPDATING,
        SECRET_UPDATED,
        RESTARTED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RotationState start() {
        return new RotationState(Phase.LOCKED, null, null, null, null);
    }

    public RotationState backedUp(String backupName, String fingerprint) {
        return new RotationState(Phase.BACKED_UP, backupName, csr, fingerprint, null);
    }

    public RotationState csrCreated(String csrName) {
        return new RotationState(Phase.CSR_CREATED, backup, csrName, previousFingerprint, newFingerprint);
    }

    public RotationState updating(String fingerprint) {
        return new RotationState(Phase.UPDATING, backup, csr, previousFingerprint, fingerprint);
    }

    public RotationState secretUpdated(String fingerprint) {
        return new RotationState(Phase.SECRET_UPDATED, backup, csr, previousFingerprint, fingerprint);
    }

    public RotationState restarted() {
        return new RotationState(Phase.RESTARTED, backup, csr, previousFingerprint, newFingerprint);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("phase", phase.name());
        node.put("backup", backup);
        node.put("csr", csr);
        node.put("previousFingerprint", previousFingerprint);
        node.put("newFingerprint", newFingerprint);
        return node.toString();
    }

    /** The state in an annotation value; null when absent or unreadable, which a rerun treats as a fresh start. */
    static RotationState fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return new RotationState(
                    Phase.valueOf(node.path("phase").asText()),
                    text(node, "backup"),
                    text(node, "csr"),
                    text(node, "previousFingerprint"),
                    text(node, "newFingerprint"));
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
