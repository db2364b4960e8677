package org.carerota.api.security;

import java.util.List;
import java.util.Map;

import org.carerota.api.shared.graphql.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.introspection.Introspection;

/**
 * GraphQL limits (Spring Boot hands every {@code Instrumentation} bean to graphql-java): the
 * deepest selection, the most fields per document (each alias counts, so alias amplification is
 * caught), introspection only where allowed (per request, not JVM-wide), and a rate of mutations
 * per user. Request size is limited before GraphQL sees the body ({@link RequestSizeLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHardening {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(SecurityProperties properties) {
        int max = properties.graphql().maxDepth();
        return new MaxQueryDepthInstrumentation(max, info -> {
            throw abort("The query is nested " + info.getDepth() + " levels deep; at most " + max + " are allowed");
        });
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(SecurityProperties properties) {
        int max = properties.graphql().maxComplexity();
        return new MaxQueryComplexityInstrumentation(max, info -> {
            throw abort("The query selects " + info.getComplexity() + " fields; at most " + max + " are allowed");
        });
    }

    @Bean
    MutationRateLimit mutationRateLimit(SecurityProperties properties) {
        return new MutationRateLimit(
                properties.graphql().mutationsPerMinute(), properties.graphql().mutationBurst());
    }

    /**
     * Hands graphql-java who is asking (for the mutation rate) and whether introspection is off
     * for this request.
     */
    @Bean
    WebGraphQlInterceptor callerAndIntrospectionInterceptor(SecurityProperties properties, Environment environment) {
        Boolean configured = properties.graphql().introspection();
        boolean introspection = configured != null ? configured : environment.matchesProfiles("demo");
        return (request, chain) -> ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .map(authentication -> authentication.getName())
                .defaultIfEmpty("anonymous")
                .flatMap(subject -> {
                    request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
                                context.of(MutationRateLimit.SUBJECT, subject);
                                if (!introspection) {
                                    context.of(Introspection.INTROSPECTION_DISABLED, true);
                                }
                            })
                            .build());
                    return chain.next(request);
                });
    }

    static AbortExecutionException abort(String message) {
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message(message)
                .errorType(ErrorType.BAD_REQUEST)
                .extensions(Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name()))
                .build();
        return new AbortExecutionException(List.of(error));
    }
}
