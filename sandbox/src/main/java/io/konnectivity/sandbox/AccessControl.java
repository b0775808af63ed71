package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the kubeconfig's user may do: everything but the scenario's forbidden resources and denied permissions. Answers
 * {@code SelfSubjectAccessReview}s accordingly, and refuses the requests themselves with the API server's 403.
 */
final class AccessControl {

    private final SandboxScenario scenario;
    private final String user;

    AccessControl(SandboxScenario scenario, String user) {
        this.scenario = scenario;
        this.user = user;
    }

    /** Whether the user lacks {@code verb} on {@code resource} ({@code pods/log} for a subresource). */
    boolean denies(String verb, String resource) {
        return scenario.forbidden().contains(resource)
                || scenario.deniedPermissions().contains(verb + " " + resource)
                || scenario.deniedPermissions().contains("* " + resource);
    }

    /** The 403 a request gets when the user lacks the permission it needs, or empty. */
    Optional<MockResponse> refuse(ApiRequest request) {
        if (denies(request.verb(), request.rbacResource())) {
            return Optional.of(ApiResponses.forbidden(request, user));
        }
        return Optional.empty();
    }

    /** {@code POST .../selfsubjectaccessreviews}: the review sent back with its status, 201 Created. */
    MockResponse review(ApiRequest request, byte[] body) {
        SelfSubjectAccessReview review;
        try {
            review = Serialization.unmarshal(new String(body, StandardCharsets.UTF_8), SelfSubjectAccessReview.class);
        } catch (RuntimeException e) {
            review = null;
        }
        if (review == null
                || review.getSpec() == null
                || (review.getSpec().getResourceAttributes() == null)
                        == (review.getSpec().getNonResourceAttributes() == null)) {
            return ApiResponses.invalid(
                    request,
                    "SelfSubjectAccessReview",
                    "",
                    "spec.resourceAttributes",
                    "FieldValueInvalid",
                    "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be"
                            + " specified");
        }
        SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
        ResourceAttributes attributes = review.getSpec().getResourceAttributes();
        if (attributes == null) {
            status.setAllowed(true);
            status.setReason(allowedReason());
        } else {
            String resource = attributes.getResource() == null ? "" : attributes.getResource();
            String subresource = attributes.getSubresource();
            String rbacResource =
                    subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
            String verb = attributes.getVerb() == null ? "" : attributes.getVerb();
            boolean denied = denies(verb, rbacResource);
            status.setAllowed(!denied);
            status.setReason(denied ? deniedReason(attributes, verb, rbacResource) : allowedReason());
        }
        review.setStatus(status);
        if (review.getMetadata() != null) {
            review.getMetadata().setCreationTimestamp(null);
        }
        return ApiResponses.json(201, review);
    }

    private String allowedReason() {
        return "RBAC: allowed by ClusterRoleBinding \"" + user + "\" of ClusterRole \"cluster-admin\" to User \"" + user
                + "\"";
    }

    private String deniedReason(ResourceAttributes attributes, String verb, String rbacResource) {
        String group = attributes.getGroup() == null ? "" : attributes.getGroup();
        String namespace = attributes.getNamespace();
        String scope = namespace == null || namespace.isEmpty()
                ? " at the cluster scope"
                : " in the namespace \"" + namespace + "\"";
        return "User \"" + user + "\" cannot " + verb + " resource \"" + rbacResource + "\" in API group \"" + group
                + "\"" + scope;
    }
}
