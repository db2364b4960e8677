package org.carerota.api.rota;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.support.ApiTest;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/**
 * No N+1: the coordinator's day view (carers with their ordered visits and the people visited)
 * runs the same small number of SQL statements for 3 carers as for all of them.
 */
@Import(DayViewQueryCountIntegrationTests.CountingDatabaseClient.class)
// no idle polling for solver jobs (this instance's own jobs wake its worker at once): a poll is a
// statement through the counted DatabaseClient, and these tests count the statements of requests
@TestPropertySource(properties = "carerota.solver.poll-interval=1h")
class DayViewQueryCountIntegrationTests extends ApiTest {

    static final AtomicInteger STATEMENTS = new AtomicInteger();

    /** Counts every statement the application sends through its DatabaseClient. */
    @TestConfiguration
    static class CountingDatabaseClient {
        @Bean
        static BeanPostProcessor countStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DatabaseClient client)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(
                            DatabaseClient.class.getClassLoader(),
                            new Class<?>[] {DatabaseClient.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("sql")) {
                                    STATEMENTS.incrementAndGet();
                                }
                                try {
                                    return method.invoke(client, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    @Test
    void shouldRunAFixedNumberOfStatementsWhenLoadingTheDayViewOfManyCarers() {
        UUID provider = DemoRegionFixture.organisation("demo:provider-norfolk");
        // a whole day view is larger than the client's default 256 kB buffer
        HttpGraphQlTester graphQl =
                HttpGraphQlTester.create(org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                        .defaultHeader(
                                "Authorization",
                                "Bearer " + TestTokens.token("dayview.coordinator", "COORDINATOR", provider, null))
                        .build());
        String dayView = "query($n: Int!) { carers(first: $n) { edges { node { name"
                + " assignments(date: \"2026-11-23\") { startAt endAt visit { id windowStart"
                + " serviceUser { name postcode } requiredSkills { code } } } } } } }";
        // a published rota for the day
        java.time.LocalDate monday = DemoRegionFixture.MONDAY;
        Map<String, Object> plan =
                new RotaApiIntegrationTests().draftOf(graphQl, DemoRegionFixture.area("Norwich"), monday);
        RotaApiIntegrationTests.publish(graphQl, plan.get("id"), plan.get("version"));
        int all = ((Number) graphQl.document("{ carers(first: 500) { edges { cursor } } }")
                        .execute()
                        .path("carers.edges")
                        .entityList(Object.class)
                        .get()
                        .size())
                .intValue();
        int few = statements(graphQl, dayView, 3);
        int many = statements(graphQl, dayView, all);
        assertThat(all).isGreaterThan(3);
        // batched: the count does not grow with the carers (a visit-less page may skip a batch or two)
        assertThat(many).as("statements for " + all + " carers vs 3").isBetween(few - 2, few + 2);
        assertThat(many).isLessThanOrEqualTo(16);

        String rotaView = "query($area: UUID!) { plans(area: $area, from: \"2026-11-23\", to: \"2026-11-23\") { id"
                + " routes(date: \"2026-11-23\") { carer { name } assignments { startAt visit { serviceUser { name } } } }"
                + " unassigned { reasons visit { id } } } }";
        STATEMENTS.set(0);
        graphQl.document(rotaView)
                .variable("area", DemoRegionFixture.area("Norwich"))
                .execute()
                .path("plans")
                .entity(List.class)
                .get();
        assertThat(STATEMENTS.get()).isLessThanOrEqualTo(24);
    }

    private static int statements(HttpGraphQlTester graphQl, String document, int carers) {
        STATEMENTS.set(0);
        Map<?, ?> result = graphQl.document(document)
                .variable("n", carers)
                .execute()
                .path("carers")
                .entity(Map.class)
                .get();
        assertThat((List<?>) result.get("edges")).hasSize(carers);
        return STATEMENTS.get();
    }
}
