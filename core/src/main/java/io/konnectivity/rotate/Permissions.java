package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Asks the API server, before changing anything, whether the caller may do every call a rotation makes. */
public final class Permissions {

    private Permissions() {}

    /** One permission: a verb on a resource, in a namespace or cluster-wide, optionally on one named object. */
    public record Needed(String group, String resource, String verb, String namespace, String name) {

        public String describe() {
            String target = (group.isEmpty() ? "" : group + "/") + resource + (name == null ? "" : " " + name);
            return verb + " " + target + (namespace == null ? " (cluster-wide)" : " in " + namespace);
        }
    }

    /** Every permission a rotation with {@code request} needs. */
    public static List<Needed> needed(RotationRequest request) {
        String ns = request.names().namespace();
        List<Needed> needed = new ArrayList<>(List.of(
                new Needed("", "secrets", "get", ns, null),
                new Needed("", "secrets", "list", ns, null),
                new Needed("", "secrets", "create", ns, null),
                new Needed("", "secrets", "update", ns, request.names().secret()),
                new Needed("", "secrets", "delete", ns, null),
                new Needed("coordination.k8s.io", "leases", "get", ns, null),
                new Needed("coordination.k8s.io", "leases", "create", ns, null),
                new Needed("coordination.k8s.io", "leases", "update", ns, null),
                new Needed("coordination.k8s.io", "leases", "delete", ns, null),
                new Needed("certificates.k8s.io", "certificatesigningrequests", "create", null, null),
                new Needed("certificates.k8s.io", "certificatesigningrequests", "get", null, null),
                new Needed("certificates.k8s.io", "certificatesigningrequests", "delete", null, null),
                new Needed("apps", "deployments", "get", ns, null),
                new Needed("apps", "deployments", "list", ns, null),
                new Needed("apps", "daemonsets", "get", ns, null),
                new Needed("apps", "daemonsets", "list", ns, null),
                new Needed("", "pods", "get", ns, null),
                new Needed("", "pods", "list", ns, null),
                new Needed("", "pods/log", "get", ns, null)));
        if (request.approval() == ApprovalMode.AUTO) {
            needed.add(new Needed("certificates.k8s.io", "certificatesigningrequests/approval", "update", null, null));
            needed.add(new Needed("certificates.k8s.io", "signers", "approve", null, CsrSigner.SIGNER_NAME));
        }
        if (request.restart() == RestartStrategy.EVICTION) {
            needed.add(new Needed("", "pods/eviction", "create", ns, null));
        } else {
            needed.add(new Needed("apps", "deployments", "patch", ns, null));
            needed.add(new Needed("apps", "daemonsets", "patch", ns, null));
        }
        return needed;
    }

    /** The permissions of {@code needed} the caller lacks, all at once. */
    public static List<Needed> missing(KubernetesClient client, List<Needed> needed) {
        List<Needed> missing = new ArrayList<>();
        for (Needed permission : needed) {
            if (!allowed(client, permission)) {
                missing.add(permission);
            }
        }
        return missing;
    }

    private static boolean allowed(KubernetesClient client, Needed permission) {
        String[] parts = permission.resource().split("/", 2);
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withGroup(permission.group())
                        .withResource(parts[0])
                        .withSubresource(parts.length > 1 ? parts[1] : null)
                        .withVerb(permission.verb())
                        .withNamespace(permission.namespace())
                        .withName(permission.name())
                        .build())
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                client.authorization().v1().selfSubjectAccessReview().create(review);
        return answer != null
                && answer.getStatus() != null
                && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /** One message listing every missing permission and where the Role that grants them is. */
    public static String explain(List<Needed> missing, String context) {
        StringBuilder message = new StringBuilder("The credential of context '")
                .append(context)
                .append("' lacks ")
                .append(missing.size())
                .append(" permission")
                .append(missing.size() == 1 ? "" : "s")
                .append(" a rotation needs: ");
        message.append(String.join("; ", missing.stream().map(Needed::describe).toList()));
        message.append(". Bind the Role and ClusterRole konnectivity-rotate from docs/rbac.yaml. Nothing was changed.");
        return message.toString();
    }
}
