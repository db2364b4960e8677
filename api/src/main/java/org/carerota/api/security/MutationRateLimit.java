package org.carerota.api.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.carerota.api.shared.graphql.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.ErrorType;

import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;

/**
 * At most {@code perMinute} mutations a minute per user, with bursts up to {@code burst}: one token
 * bucket per subject, in memory (per instance). Queries are not limited here.
 */
final class MutationRateLimit extends SimplePerformantInstrumentation {

    /** The GraphQLContext key under which the request's subject travels. */
    static final String SUBJECT = MutationRateLimit.class.getName() + ".subject";

    private static final int MAX_TRACKED = 100_000;

    private final double perNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    MutationRateLimit(int perMinute, int burst) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("mutation rate and burst must be positive");
        }
        this.perNano = perMinute / 60e9;
        this.burst = burst;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, @Nullable InstrumentationState state) {
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            String subject =
                    parameters.getExecutionContext().getGraphQLContext().getOrDefault(SUBJECT, "anonymous");
            if (!tryAcquire(subject, System.nanoTime())) {
                throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                        .message("Too many changes in a short time: wait a moment and try again")
                        .errorType(ErrorType.BAD_REQUEST)
                        .extensions(Map.of("code", ErrorCode.RATE_LIMITED.name()))
                        .build()));
            }
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** Takes one token from the subject's bucket, if there is one. */
    boolean tryAcquire(String subject, long nowNanos) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.fullAt(nowNanos, perNano, burst));
        }
        return buckets.computeIfAbsent(subject, key -> new Bucket(burst, nowNanos))
                .take(nowNanos, perNano, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized boolean take(long now, double perNano, double burst) {
            refill(now, perNano, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean fullAt(long now, double perNano, double burst) {
            refill(now, perNano, burst);
            return tokens >= burst;
        }

        private void refill(long now, double perNano, double burst) {
            if (now > updated) {
                tokens = Math.min(burst, tokens + (now - updated) * perNano);
                updated = now;
            }
        }
    }
}
