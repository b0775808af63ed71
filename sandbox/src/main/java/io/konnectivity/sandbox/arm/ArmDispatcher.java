package io.konnectivity.sandbox.arm;

import io.konnectivity.sandbox.SandboxCluster;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/** Routes ARM requests to answers; runs on the mock server's connection threads, one request at a time each. */
final class ArmDispatcher extends Dispatcher {

    private static final String CONTAINER_SERVICE = "microsoft.containerservice";
    private static final String COMPUTE = "microsoft.compute";
    private static final String CLUSTERS_API = "2025-05-01";
    private static final String COMPUTE_API = "2024-11-01";
    private static final String READ = "Microsoft.ContainerService/managedClusters/read";
    private static final String CALLER = "11111111-1111-1111-1111-111111111111";

    private final ArmEmulator arm;

    ArmDispatcher(ArmEmulator arm) {
        this.arm = arm;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        arm.recordRequest(request.getMethod() + " " + url.encodedPath());
        MockResponse response = answer(request, url);
        if (!arm.latency().isZero()) {
            response.setHeadersDelay(arm.latency().toMillis(), TimeUnit.MILLISECONDS);
        }
        return response.addHeader("x-ms-request-id", UUID.randomUUID().toString());
    }

    private MockResponse answer(RecordedRequest request, HttpUrl url) {
        String authorization = request.getHeader("Authorization");
        if (arm.faults().unauthorized() || !("Bearer " + arm.token()).equals(authorization)) {
            return json(401, ArmBodies.error("InvalidAuthenticationToken", "The access token is invalid."))
                    .addHeader(
                            "WWW-Authenticate",
                            "Bearer authorization_uri=\"https://login.microsoftonline.com/common\","
                                    + " error=\"invalid_token\", error_description=\"The access token is invalid.\"");
        }
        Optional<java.time.Duration> throttle = arm.faults().takeThrottle();
        if (throttle.isPresent()) {
            return json(
                            429,
                            ArmBodies.error(
                                    "TooManyRequests",
                                    "The request is being throttled as the limit has been reached for operation"
                                            + " type - Read_ObservationWindow_00:05:00."))
                    .addHeader("Retry-After", String.valueOf((throttle.get().toMillis() + 999) / 1000));
        }
        Optional<Integer> serverError = arm.faults().takeServerError();
        if (serverError.isPresent()) {
            return json(
                    serverError.get(), ArmBodies.error("InternalServerError", "Encountered internal server error."));
        }
        List<String> path = segments(url);
        try {
            return route(request, url, path);
        } catch (RuntimeException e) {
            return json(500, ArmBodies.error("InternalServerError", "The emulator failed: " + e));
        }
    }

    private MockResponse route(RecordedRequest request, HttpUrl url, List<String> path) {
        String method = request.getMethod();
        if (path.size() < 2 || !path.get(0).equals("subscriptions")) {
            return unknown(url);
        }
        String subscription = path.get(1);
        if (is(path, 5, 2, "providers", CONTAINER_SERVICE, "managedclusters") && method.equals("GET")) {
            return listClusters(url, subscription, null, "/subscriptions/" + subscription);
        }
        if (is(path, 8, 2, "providers")
                && path.get(4).equals("locations")
                && path.get(6).startsWith("operation")) {
            return operation(url, path.get(3), path.get(6), path.get(7));
        }
        if (path.size() < 5
                || !path.get(2).equals("resourcegroups")
                || !path.get(4).equals("providers")) {
            return unknown(url);
        }
        String resourceGroup = rawSegment(url, 3);
        if (path.size() >= 7
                && path.get(5).equals(CONTAINER_SERVICE)
                && path.get(6).equals("managedclusters")) {
            return clusters(request, url, path, subscription, resourceGroup);
        }
        if (path.size() >= 7 && path.get(5).equals(COMPUTE) && path.get(6).equals("virtualmachinescalesets")) {
            return scaleSets(request, url, path, subscription, resourceGroup);
        }
        return unknown(url);
    }

    private MockResponse clusters(
            RecordedRequest request, HttpUrl url, List<String> path, String subscription, String resourceGroup) {
        String scope = "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup;
        if (path.size() == 7) {
            return listClusters(url, subscription, resourceGroup, scope);
        }
        String name = rawSegment(url, 7);
        String clusterScope = scope + "/providers/Microsoft.ContainerService/managedClusters/" + name;
        String action = path.size() == 8
                ? READ
                : "Microsoft.ContainerService/managedClusters/" + rawSegment(url, 8) + "/action";
        if (arm.faults().forbids(action)) {
            return forbidden(action, clusterScope);
        }
        Optional<ArmEmulator.ClusterEntry> found = arm.cluster(subscription, resourceGroup, name);
        if (found.isEmpty()) {
            return json(
                    404,
                    ArmBodies.error(
                            "ResourceNotFound",
                            "The Resource 'Microsoft.ContainerService/managedClusters/" + name
                                    + "' under resource group '" + resourceGroup + "' was not found. For more details"
                                    + " please go to https://aka.ms/ARMResourceNotFoundFix"));
        }
        ArmEmulator.ClusterEntry entry = found.get();
        if (path.size() == 8 && request.getMethod().equals("GET")) {
            return json(200, ArmBodies.managedCluster(entry.cluster, entry.provisioningState));
        }
        if (path.size() == 9 && request.getMethod().equals("POST")) {
            return switch (path.get(8)) {
                case "listclusterusercredential" ->
                    json(200, ArmBodies.credentialResults("clusterUser", kubeconfig(entry.cluster, "clusterUser")));
                case "listclusteradmincredential" ->
                    json(200, ArmBodies.credentialResults("clusterAdmin", kubeconfig(entry.cluster, "clusterAdmin")));
                case "rotateclustercertificates" -> rotate(entry);
                default -> unknown(url);
            };
        }
        return unknown(url);
    }

    private MockResponse listClusters(HttpUrl url, String subscription, String resourceGroup, String scope) {
        if (arm.faults().forbids(READ)) {
            return forbidden(READ, scope);
        }
        List<ArmEmulator.ClusterEntry> matching = arm.clusters().stream()
                .filter(entry -> entry.cluster.subscription().equalsIgnoreCase(subscription))
                .filter(entry ->
                        resourceGroup == null || entry.cluster.resourceGroup().equalsIgnoreCase(resourceGroup))
                .sorted(java.util.Comparator.comparing((ArmEmulator.ClusterEntry entry) -> entry.cluster.id()))
                .toList();
        return page(url, matching, entry -> {
            EmulatedCluster cluster = entry.cluster;
            if (arm.faults().takeVanishing(cluster.name())) {
                arm.remove(cluster.subscription(), cluster.resourceGroup(), cluster.name());
            }
            return ArmBodies.managedCluster(cluster, entry.provisioningState);
        });
    }

    private MockResponse rotate(ArmEmulator.ClusterEntry entry) {
        EmulatedCluster cluster = entry.cluster;
        if (!cluster.running()) {
            return json(
                    400,
                    ArmBodies.error(
                            "OperationNotAllowed",
                            "Rotating certificates is not allowed for a cluster in power state Stopped. Start the"
                                    + " cluster first."));
        }
        entry.provisioningState = "RotatingClusterCertificates";
        String id = UUID.randomUUID().toString();
        arm.addOperation(new EmulatedOperation(id, now(), arm.rotationPolls(), () -> {
            AgentRenewal.renew(cluster.sandbox());
            arm.forgetNodes(cluster);
            entry.rotations++;
            entry.provisioningState = "Succeeded";
            return null;
        }));
        return accepted(cluster.subscription(), "Microsoft.ContainerService", cluster.location(), id, CLUSTERS_API);
    }

    private MockResponse scaleSets(
            RecordedRequest request, HttpUrl url, List<String> path, String subscription, String nodeResourceGroup) {
        String scope = "/subscriptions/" + subscription + "/resourceGroups/" + nodeResourceGroup
                + "/providers/Microsoft.Compute/virtualMachineScaleSets";
        Optional<ArmEmulator.ClusterEntry> owner = arm.clusters().stream()
                .filter(entry -> entry.cluster.subscription().equalsIgnoreCase(subscription))
                .filter(entry -> entry.cluster.nodeResourceGroup().equalsIgnoreCase(nodeResourceGroup))
                .findFirst();
        if (path.size() == 7) {
            String action = "Microsoft.Compute/virtualMachineScaleSets/read";
            if (arm.faults().forbids(action)) {
                return forbidden(action, scope);
            }
            if (owner.isEmpty()) {
                return resourceGroupNotFound(nodeResourceGroup);
            }
            EmulatedCluster cluster = owner.get().cluster;
            return page(url, cluster.pools(), pool -> ArmBodies.scaleSet(cluster, pool, subscription));
        }
        String scaleSetName = rawSegment(url, 7);
        Optional<EmulatedCluster.NodePool> pool = owner.flatMap(entry -> entry.cluster.pools().stream()
                .filter(candidate -> entry.cluster.scaleSetName(candidate).equalsIgnoreCase(scaleSetName))
                .findFirst());
        if (path.size() == 9
                && path.get(8).equals("virtualmachines")
                && request.getMethod().equals("GET")) {
            String action = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/read";
            if (arm.faults().forbids(action)) {
                return forbidden(action, scope + "/" + scaleSetName);
            }
            if (pool.isEmpty()) {
                return scaleSetNotFound(scaleSetName, nodeResourceGroup);
            }
            EmulatedCluster cluster = owner.get().cluster;
            List<Integer> instances = new ArrayList<>();
            for (int i = 0; i < pool.get().count(); i++) {
                instances.add(i);
            }
            return page(
                    url,
                    instances,
                    instance -> ArmBodies.scaleSetVm(
                            scope + "/" + scaleSetName, scaleSetName, cluster.location(), instance));
        }
        if (path.size() == 11
                && path.get(10).equals("runcommand")
                && request.getMethod().equals("POST")) {
            String action = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action";
            if (arm.faults().forbids(action)) {
                return forbidden(action, scope + "/" + scaleSetName + "/virtualMachines/" + rawSegment(url, 9));
            }
            if (pool.isEmpty()) {
                return scaleSetNotFound(scaleSetName, nodeResourceGroup);
            }
            if (arm.faults().isDeallocated(scaleSetName, rawSegment(url, 9))) {
                return json(
                        409,
                        ArmBodies.error(
                                "OperationNotAllowed",
                                "Operation 'RunCommand' is not allowed on VM '" + scaleSetName + "_"
                                        + rawSegment(url, 9) + "' since the VM is deallocated."));
            }
            return runCommand(
                    owner.get().cluster,
                    scaleSetName,
                    rawSegment(url, 9),
                    request.getBody().readUtf8());
        }
        return unknown(url);
    }

    private MockResponse runCommand(EmulatedCluster cluster, String scaleSetName, String instance, String body) {
        String script = scriptOf(body);
        String nodeName = scaleSetName + String.format("%06d", Integer.parseInt(instance));
        String id = UUID.randomUUID().toString();
        arm.addOperation(new EmulatedOperation(
                id,
                now(),
                arm.runCommandPolls(),
                () -> ArmBodies.runCommandResult(arm.node(cluster, nodeName).stdout(script), "")));
        return accepted(cluster.subscription(), "Microsoft.Compute", cluster.location(), id, COMPUTE_API);
    }

    /** The status URL answers the operation's state; the result URL answers 202 until done, then its result. */
    private MockResponse operation(HttpUrl url, String provider, String kind, String id) {
        Optional<EmulatedOperation> found = arm.operation(id);
        if (found.isEmpty()) {
            return json(404, ArmBodies.error("NotFound", "The operation " + id + " was not found."));
        }
        EmulatedOperation operation = found.get();
        boolean resultUrl = kind.equals("operationresults") || "true".equals(url.queryParameter("monitor"));
        if (resultUrl) {
            if (!operation.isDone()) {
                return new MockResponse().setResponseCode(202).addHeader("Location", url.toString());
            }
            Object result = operation.result();
            return result == null ? new MockResponse().setResponseCode(204) : json(200, result);
        }
        boolean done = operation.poll();
        return json(
                200,
                ArmBodies.asyncOperation(
                        id, done ? "Succeeded" : "InProgress", operation.startTime(), done ? now() : null));
    }

    private MockResponse accepted(String subscription, String provider, String location, String id, String api) {
        String base = arm.endpoint() + "subscriptions/" + subscription + "/providers/" + provider + "/locations/"
                + location.toLowerCase(Locale.ROOT);
        boolean compute = provider.equals("Microsoft.Compute");
        String status = base + "/operations/" + id + "?api-version=" + api;
        String result = compute
                ? base + "/operations/" + id + "?monitor=true&api-version=" + api
                : base + "/operationresults/" + id + "?api-version=" + api;
        return new MockResponse()
                .setResponseCode(202)
                .addHeader("Azure-AsyncOperation", status)
                .addHeader("Location", result);
    }

    private <T> MockResponse page(HttpUrl url, List<T> items, java.util.function.Function<T, Object> render) {
        int skip = 0;
        String token = url.queryParameter("$skipToken");
        if (token != null) {
            skip = Integer.parseInt(token);
        }
        int end = Math.min(items.size(), skip + arm.pageSize());
        List<Object> values = new ArrayList<>();
        for (T item : items.subList(Math.min(skip, items.size()), end)) {
            values.add(render.apply(item));
        }
        String next = end < items.size()
                ? url.newBuilder()
                        .setQueryParameter("$skipToken", String.valueOf(end))
                        .build()
                        .toString()
                : null;
        return json(200, ArmBodies.page(values, next));
    }

    /** A kubeconfig as AKS hands it out: the cluster's name for cluster and context, the sandbox's credential. */
    private static String kubeconfig(EmulatedCluster cluster, String role) {
        SandboxCluster sandbox = cluster.sandbox();
        String user = role + "_" + cluster.resourceGroup() + "_" + cluster.name();
        return "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + base64(sandbox.pki().caPem()) + "\n"
                + "    server: " + sandbox.serverUrl() + "\n"
                + "  name: " + cluster.name() + "\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: " + cluster.name() + "\n"
                + "    user: " + user + "\n"
                + "  name: " + cluster.name() + "\n"
                + "current-context: " + cluster.name() + "\n"
                + "kind: Config\n"
                + "preferences: {}\n"
                + "users:\n"
                + "- name: " + user + "\n"
                + "  user:\n"
                + "    client-certificate-data: "
                + base64(sandbox.adminCertificate().certificatePem()) + "\n"
                + "    client-key-data: " + base64(sandbox.adminCertificate().privateKeyPem()) + "\n";
    }

    private static String scriptOf(String body) {
        Map<?, ?> input;
        try {
            input = new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
        } catch (java.io.IOException e) {
            return "";
        }
        Object script = input.get("script");
        return script instanceof List<?> lines
                ? String.join("\n", lines.stream().map(String::valueOf).toList())
                : "";
    }

    private MockResponse forbidden(String action, String scope) {
        return json(
                403,
                ArmBodies.error(
                        "AuthorizationFailed",
                        "The client '" + CALLER + "' with object id '" + CALLER + "' does not have authorization to"
                                + " perform action '" + action + "' over scope '" + scope + "' or the scope is invalid."
                                + " If access was recently granted, please refresh your credentials."));
    }

    private static MockResponse resourceGroupNotFound(String resourceGroup) {
        return json(
                404,
                ArmBodies.error("ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found."));
    }

    private static MockResponse scaleSetNotFound(String scaleSet, String resourceGroup) {
        return json(
                404,
                ArmBodies.error(
                        "ResourceNotFound",
                        "The Resource 'Microsoft.Compute/virtualMachineScaleSets/" + scaleSet
                                + "' under resource group '" + resourceGroup + "' was not found."));
    }

    private static MockResponse unknown(HttpUrl url) {
        return json(
                404, ArmBodies.error("InvalidResourceType", "The emulator does not serve " + url.encodedPath() + "."));
    }

    private static MockResponse json(int status, Object body) {
        return new MockResponse()
                .setResponseCode(status)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .setBody(ArmBodies.json(body));
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(arm.clock().instant());
    }

    /** The path segments in lower case, for matching; names are read with {@link #rawSegment}. */
    private static List<String> segments(HttpUrl url) {
        return url.pathSegments().stream()
                .filter(segment -> !segment.isEmpty())
                .map(segment -> segment.toLowerCase(Locale.ROOT))
                .toList();
    }

    private static String rawSegment(HttpUrl url, int index) {
        return url.pathSegments().stream()
                .filter(segment -> !segment.isEmpty())
                .toList()
                .get(index);
    }

    private static boolean is(List<String> path, int size, int from, String... expected) {
        if (path.size() != size) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!path.get(from + i).equals(expected[i])) {
                return false;
            }
        }
        return true;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
