package io.konnectivity.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacManifestTest {

    @Test
    void documentedRotateRolesGrantEveryPermissionTheRotationChecks() throws Exception {
        List<PolicyRule> rules = new ArrayList<>();
        for (HasMetadata object : manifest()) {
            if (object.getMetadata().getName().equals("konnectivity-rotate")) {
                rules.addAll(object instanceof Role role ? role.getRules() : ((ClusterRole) object).getRules());
            }
        }
        RotationRequest eviction = RotationFixture.request();
        RotationRequest rollout = eviction.withRestart(RestartStrategy.ROLLOUT_RESTART);

        for (RotationRequest request : List.of(eviction, rollout)) {
            for (Permissions.Needed needed : Permissions.needed(request)) {
                assertThat(rules).as(needed.describe()).anyMatch(rule -> grants(rule, needed));
            }
        }
    }

    private static boolean grants(PolicyRule rule, Permissions.Needed needed) {
        return rule.getApiGroups().contains(needed.group())
                && rule.getResources().contains(needed.resource())
                && rule.getVerbs().contains(needed.verb())
                && (rule.getResourceNames() == null
                        || rule.getResourceNames().isEmpty()
                        || rule.getResourceNames().contains(needed.name()));
    }

    private static List<HasMetadata> manifest() throws Exception {
        Path file = Path.of("..", "docs", "rbac.yaml");
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.contains("kind:")) {
                try (InputStream in = new java.io.ByteArrayInputStream(document.getBytes())) {
                    objects.add(Serialization.unmarshal(in));
                }
            }
        }
        return objects;
    }
}
