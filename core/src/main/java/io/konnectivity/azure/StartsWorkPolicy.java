package io.konnectivity.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.ConnectException;
import java.net.UnknownHostException;
import reactor.core.publisher.Mono;

/**
 * Keeps a request that starts work in Azure ({@link ArmRetryStrategy#startsWork}) from being sent twice after an error
 * that leaves open whether Azure received it, such as a read timeout: placed after the retry policy, it marks such an
 * error {@link NotRepeated}, which the retry strategy refuses to retry; {@link #unwrap()}, placed before the retry
 * policy, hands the caller the error itself. A failure to connect sent nothing, so it stays retried.
 */
final class StartsWorkPolicy implements HttpPipelinePolicy {

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        if (!ArmRetryStrategy.startsWork(context.getHttpRequest())) {
            return next.process();
        }
        return next.process().onErrorMap(StartsWorkPolicy::mayHaveArrived, NotRepeated::new);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        if (!ArmRetryStrategy.startsWork(context.getHttpRequest())) {
            return next.processSync();
        }
        try {
            return next.processSync();
        } catch (RuntimeException e) {
            throw mayHaveArrived(e) ? new NotRepeated(e) : e;
        }
    }

    /** The policy that gives callers the error a {@link NotRepeated} carries. */
    static HttpPipelinePolicy unwrap() {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                return next.process().onErrorMap(NotRepeated.class, NotRepeated::original);
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                try {
                    return next.processSync();
                } catch (NotRepeated e) {
                    throw e.original() instanceof RuntimeException runtime ? runtime : e;
                }
            }
        };
    }

    private static boolean mayHaveArrived(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return false;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return !(error instanceof NotRepeated);
    }

    /**
     * An error after which a request that starts work must not be sent again. It holds the error aside rather than as
     * its cause: the retry policy looks through causes for one it may retry.
     */
    static final class NotRepeated extends RuntimeException {
        private final transient Throwable original;

        NotRepeated(Throwable original) {
            super(original.getMessage(), null, false, false);
            this.original = original;
        }

        Throwable original() {
            return original;
        }
    }
}
