package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

class MutationRateLimitTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldRefuseWhenBurstSpent() {
        MutationRateLimit limit = new MutationRateLimit(60, 3);
        assertThat(limit.tryAcquire("amal", 0)).isTrue();
        assertThat(limit.tryAcquire("amal", 0)).isTrue();
        assertThat(limit.tryAcquire("amal", 0)).isTrue();
        assertThat(limit.tryAcquire("amal", 0)).isFalse();
    }

    @Test
    void shouldAllowAgainWhenBucketRefilled() {
        MutationRateLimit limit = new MutationRateLimit(60, 1);
        assertThat(limit.tryAcquire("amal", 0)).isTrue();
        assertThat(limit.tryAcquire("amal", SECOND / 2)).isFalse();
        assertThat(limit.tryAcquire("amal", SECOND)).isTrue();
    }

    @Test
    void shouldAnswerRateLimitedWhenMutationsExceedBurst() {
        GraphQL graphQl = GraphQL.newGraphQL(schema())
                .instrumentation(new MutationRateLimit(60, 2))
                .build();
        assertThat(execute(graphQl, "mutation { touch }", "amal").getErrors()).isEmpty();
        assertThat(execute(graphQl, "mutation { touch }", "amal").getErrors()).isEmpty();
        ExecutionResult third = execute(graphQl, "mutation { touch }", "amal");
        assertThat(third.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("code", "RATE_LIMITED"));
        assertThat(execute(graphQl, "{ ping }", "amal").getErrors()).isEmpty();
        assertThat(execute(graphQl, "mutation { touch }", "ben").getErrors()).isEmpty();
    }

    private static ExecutionResult execute(GraphQL graphQl, String document, String subject) {
        return graphQl.execute(ExecutionInput.newExecutionInput(document)
                .graphQLContext(context -> context.of(MutationRateLimit.SUBJECT, subject))
                .build());
    }

    private static GraphQLSchema schema() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type.dataFetcher("ping", env -> "pong"))
                .type("Mutation", type -> type.dataFetcher("touch", env -> true))
                .build();
        return new SchemaGenerator()
                .makeExecutableSchema(
                        new SchemaParser().parse("type Query { ping: String } type Mutation { touch: Boolean }"),
                        wiring);
    }

    @Test
    void shouldKeepSeparateBucketsWhenUsersDiffer() {
        MutationRateLimit limit = new MutationRateLimit(60, 1);
        assertThat(limit.tryAcquire("amal", 0)).isTrue();
        assertThat(limit.tryAcquire("ben", 0)).isTrue();
        assertThat(limit.tryAcquire("amal", 0)).isFalse();
    }
}
