package io.konnectivity.rotate;

import io.konnectivity.check.AgentNames;
import java.io.Serializable;
import java.time.Duration;

/**
 * What a rotation does and how carefully; maps one-to-one to the rotate step's parameters.
 *
 * @param validity the requested certificate lifetime ({@code expirationSeconds}); null for the signer's default
 * @param ifExpiresWithinDays rotate only when the current certificate has at most this many days left; null always
 * @param holder who runs the rotation, recorded on the lock, the CSR and the backup (user, host or build)
 * @param requestTimeout how long one API call may take
 * @param reason why, recorded on the CSR
 */
public record RotationRequest(
        AgentNames names,
        boolean dryRun,
        ApprovalMode approval,
        Duration validity,
        Integer ifExpiresWithinDays,
        RestartStrategy restart,
        int keepBackups,
        boolean keepCsr,
        Duration approvalTimeout,
        Duration rolloutTimeout,
        Duration lockDuration,
        Duration requestTimeout,
        String holder,
        String reason)
        implements Serializable {

    public static final Duration MIN_VALIDITY = Duration.ofSeconds(600);

    public RotationRequest {
        if (validity != null && validity.compareTo(MIN_VALIDITY) < 0) {
            throw new IllegalArgumentException("The requested validity " + validity.toSeconds()
                    + " s is below the CSR API's minimum of 600 s (10 minutes).");
        }
        if (keepBackups < 1) {
            throw new IllegalArgumentException("At least one backup must be kept, not " + keepBackups + ".");
        }
        if (ifExpiresWithinDays != null && ifExpiresWithinDays < 0) {
            throw new IllegalArgumentException("--if-expires-within must not be negative.");
        }
        requirePositive("approval timeout", approvalTimeout);
        requirePositive("rollout timeout", rolloutTimeout);
        requirePositive("lock duration", lockDuration);
        requirePositive("request timeout", requestTimeout);
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("A rotation needs a holder identity (user, host or build).");
        }
    }

    public static RotationRequest defaults(String holder) {
        return new RotationRequest(
                AgentNames.DEFAULT,
                false,
                ApprovalMode.AUTO,
                null,
                null,
                RestartStrategy.EVICTION,
                5,
                false,
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                holder,
                "renew the Konnectivity agent certificate");
    }

    public RotationRequest withDryRun(boolean value) {
        return new RotationRequest(
                names,
                value,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withApproval(ApprovalMode value) {
        return new RotationRequest(
                names,
                dryRun,
                value,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withValidity(Duration value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                value,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withIfExpiresWithinDays(Integer value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                value,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withRestart(RestartStrategy value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                value,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withKeepBackups(int value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                value,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withKeepCsr(boolean value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                value,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withApprovalTimeout(Duration value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                value,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withRolloutTimeout(Duration value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                value,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withLockDuration(Duration value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                value,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withRequestTimeout(Duration value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                value,
                holder,
                reason);
    }

    public RotationRequest withNames(AgentNames value) {
        return new RotationRequest(
                value,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                reason);
    }

    public RotationRequest withHolder(String value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                value,
                reason);
    }

    public RotationRequest withReason(String value) {
        return new RotationRequest(
                names,
                dryRun,
                approval,
                validity,
                ifExpiresWithinDays,
                restart,
                keepBackups,
                keepCsr,
                approvalTimeout,
                rolloutTimeout,
                lockDuration,
                requestTimeout,
                holder,
                value);
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, not " + value + ".");
        }
    }
}
