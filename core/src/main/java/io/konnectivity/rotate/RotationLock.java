package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cluster.TransientErrors;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@code coordination.k8s.io} Lease beside the agent Secret that lets one rotation run at a time. It is renewed
 * while the rotation runs; a lease whose holder stopped renewing is taken over once it expires, with the progress
 * its holder recorded, so the new holder can finish or roll back.
 */
public final class RotationLock implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    /** The holder as the Lease names it: who runs the rotation, and a token of this run, unique to it. */
    private final String holder;

    private final Duration duration;
    private final Clock clock;
    private final RotationState inherited;
    private final ScheduledExecutorService renewer;
    private RotationState state;
    private volatile String renewalProblem;
    private volatile Instant lastRenewed;

    private RotationLock(
            KubernetesClient client,
            String namespace,
            String name,
            String holder,
            Duration duration,
            Clock clock,
            RotationState inherited) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
        this.inherited = inherited;
        this.state = inherited == null ? RotationState.start() : inherited;
        this.lastRenewed = clock.instant();
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "konnectivity-lease-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The Lease name for a Secret's rotations. */
    public static String leaseName(String secret) {
        return secret + "-rotation";
    }

    /**
     * Takes the lock or fails at once, naming who holds it and until when. The Lease names {@code who} with a token of
     * this run, so that two runs under one name never take each other for the holder.
     */
    public static RotationLock acquire(
            KubernetesClient client, String namespace, String secret, String who, Duration duration, Clock clock)
            throws RotationException {
        String name = leaseName(secret);
        String holder = who + " (run " + HexFormat.of().formatHex(token()) + ")";
        Lease existing = client.leases().inNamespace(namespace).withName(name).get();
        Instant now = clock.instant();
        RotationLock lock;
        try {
            if (existing == null) {
                client.leases()
                        .inNamespace(namespace)
                        .resource(newLease(namespace, name, holder, duration, now))
                        .create();
                lock = new RotationLock(client, namespace, name, holder, duration, clock, null);
            } else {
                Instant expires = expiry(existing);
                if (expires.isAfter(now)) {
                    throw new RotationException("Another rotation holds the lock " + namespace + "/" + name + ": "
                            + existing.getSpec().getHolderIdentity() + ", renewed at " + renewTime(existing)
                            + ". If it died, its lock expires at " + expires + " and a rerun then resumes its work.");
                }
                RotationState inherited = RotationState.fromJson(annotation(existing));
                Lease taken = new LeaseBuilder(existing)
                        .editSpec()
                        .withHolderIdentity(holder)
                        .withAcquireTime(at(now))
                        .withRenewTime(at(now))
                        .withLeaseDurationSeconds((int) duration.toSeconds())
                        .withLeaseTransitions(transitions(existing) + 1)
                        .endSpec()
                        .build();
                client.leases().inNamespace(namespace).resource(taken).update();
                lock = new RotationLock(client, namespace, name, holder, duration, clock, inherited);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RotationException("Another rotation took the lock " + namespace + "/" + name
                        + " at the same moment; it proceeds and this one stops. Nothing was changed.");
            }
            throw e;
        }
        lock.startRenewing();
        return lock;
    }

    /** The progress an earlier, interrupted rotation recorded; null when this is a fresh start. */
    public RotationState inherited() {
        return inherited;
    }

    public RotationState state() {
        return state;
    }

    /** Records progress on the Lease, renewing it at the same time. */
    public synchronized void record(RotationState next) {
        String lost = lost();
        if (lost != null) {
            throw new IllegalStateException(lost);
        }
        state = next;
        write();
    }

    /**
     * Fails when this run may no longer hold the lock: another took it over, or no renewal landed for a whole lease
     * duration, after which another run may take it. A write to the cluster that only the holder may make comes after.
     */
    public void ensureHeld() throws RotationException {
        String lost = lost();
        if (lost != null) {
            throw new RotationException(lost);
        }
    }

    /**
     * Deletes the Lease, if this run still holds it: the rotation is over, successfully or rolled back. A Lease another
     * run took over stays with it.
     */
    public synchronized void release() {
        renewer.shutdownNow();
        Lease current = client.leases().inNamespace(namespace).withName(name).get();
        if (current == null || !holder.equals(current.getSpec().getHolderIdentity())) {
            return;
        }
        client.leases()
                .inNamespace(namespace)
                .resource(current)
                .lockResourceVersion(current.getMetadata().getResourceVersion())
                .delete();
    }

    /** Stops renewing without releasing: what a crash does; the Lease then expires on its own. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    private void startRenewing() {
        long period = Math.max(1, duration.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void renew() {
        try {
            write();
        } catch (RuntimeException e) {
            renewalProblem = e.getMessage();
        }
    }

    private void write() {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce();
                return;
            } catch (KubernetesClientException e) {
                boolean retry = TransientErrors.isTransient(e) || e.getCode() == 409;
                if (!retry || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private void writeOnce() {
        Instant now = clock.instant();
        Lease current = client.leases().inNamespace(namespace).withName(name).get();
        if (current == null || !holder.equals(current.getSpec().getHolderIdentity())) {
            renewalProblem = "the lock " + namespace + "/" + name + " was "
                    + (current == null
                            ? "deleted"
                            : "taken by " + current.getSpec().getHolderIdentity());
            throw new IllegalStateException(renewalProblem);
        }
        Lease renewed = new LeaseBuilder(current)
                .editMetadata()
                .addToAnnotations(RotationState.ANNOTATION, state.toJson())
                .endMetadata()
                .editSpec()
                .withRenewTime(at(now))
                .endSpec()
                .build();
        client.leases().inNamespace(namespace).resource(renewed).update();
        lastRenewed = now;
        renewalProblem = null;
    }

    /** Why this run may no longer hold the lock; null while it does. */
    private String lost() {
        String problem = renewalProblem;
        if (problem != null && problem.startsWith("the lock")) {
            return "The rotation lost its lock: " + problem + ".";
        }
        Instant renewed = lastRenewed;
        if (clock.instant().isAfter(renewed.plus(duration))) {
            return "The rotation could not renew its lock " + namespace + "/" + name + " since " + renewed
                    + (problem == null ? "" : " (" + problem + ")")
                    + "; another rotation may have taken it over.";
        }
        return null;
    }

    private static byte[] token() {
        byte[] token = new byte[4];
        new SecureRandom().nextBytes(token);
        return token;
    }

    private static Lease newLease(String namespace, String name, String holder, Duration duration, Instant now) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "konnectivity")
                .addToAnnotations(
                        RotationState.ANNOTATION, RotationState.start().toJson())
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds((int) duration.toSeconds())
                .withAcquireTime(at(now))
                .withRenewTime(at(now))
                .withLeaseTransitions(0)
                .endSpec()
                .build();
    }

    static Instant expiry(Lease lease) {
        int seconds = lease.getSpec().getLeaseDurationSeconds() == null
                ? 0
                : lease.getSpec().getLeaseDurationSeconds();
        return renewTime(lease).plusSeconds(seconds);
    }

    private static Instant renewTime(Lease lease) {
        ZonedDateTime renewed = lease.getSpec().getRenewTime() != null
                ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        return renewed == null ? Instant.EPOCH : renewed.toInstant();
    }

    private static int transitions(Lease lease) {
        return lease.getSpec().getLeaseTransitions() == null
                ? 0
                : lease.getSpec().getLeaseTransitions();
    }

    private static String annotation(Lease lease) {
        return lease.getMetadata().getAnnotations() == null
                ? null
                : lease.getMetadata().getAnnotations().get(RotationState.ANNOTATION);
    }

    private static ZonedDateTime at(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
