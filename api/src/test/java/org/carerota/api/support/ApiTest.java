package org.carerota.api.support;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the api's integration tests on the shared test database ({@link TestDatabase}) with
 * the small demo region ({@link DemoRegionFixture}, loaded before each test unless it is): the
 * application on a random port, its {@link Transactions}, and GraphQL testers signed in as test
 * users.
 *
 * <p>Every subclass that adds no configuration of its own (no {@code @Import}, properties or
 * profiles) runs in one and the same Spring application context. That is why the
 * {@code @DynamicPropertySource} method is declared here, once: Spring's context cache keys a
 * context by the property-source <em>methods</em> too, so a copy of it in each class — what the
 * classes had before — gave every class an application context of its own, all alive at once on
 * one database, each with its connection pool, solver worker and caches.
 *
 * <pre>{@code
 * class VisitApiIntegrationTests extends ApiTest {
 *     HttpGraphQlTester coordinator() {
 *         return as("visit.coordinator.", "COORDINATOR", PROVIDER, Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTest {

    private static final AtomicInteger USERS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Transactions transactions;

    @BeforeEach
    void demoRegion() {
        DemoRegionFixture.load(transactions);
    }

    /**
     * A new test user's name: {@code prefix} and a number of this JVM (mutation rate limits are per
     * user, so tests that mutate take a user of their own).
     */
    protected static String newUser(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    /**
     * A GraphQL tester signed in as a new user ({@link #newUser}) with {@code role} in
     * {@code organisation}, waiting up to {@code timeout} for each answer.
     */
    protected HttpGraphQlTester as(String userPrefix, String role, UUID organisation, Duration timeout) {
        String token = TestTokens.token(newUser(userPrefix), role, organisation, null);
        return GraphQl.withToken(port, token).mutate().responseTimeout(timeout).build();
    }
}
