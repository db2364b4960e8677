package org.carerota.api.shared.graphql;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Registers the scalars and makes schema mapping inspection fail start-up on any gap. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(Scalars.DATE)
                .scalar(Scalars.TIME)
                .scalar(Scalars.DATE_TIME)
                .scalar(Scalars.UUID_SCALAR);
    }

    /**
     * A schema field without a controller method (or a method without a schema field) is a bug that
     * would otherwise surface as a null at run time: refuse to start instead.
     */
    @Bean
    GraphQlSourceBuilderCustomizer failOnUnmappedSchema() {
        return builder -> builder.inspectSchemaMappings(report -> {
            if (!report.unmappedFields().isEmpty()
                    || !report.unmappedArguments().isEmpty()
                    || !report.skippedTypes().isEmpty()) {
                throw new IllegalStateException("GraphQL schema and controllers disagree:\n" + report);
            }
        });
    }
}
