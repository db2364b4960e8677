package org.carerota.api.rota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The day view cache: a repeated day view is answered from memory (same answer, almost no SQL, its
 * service-user reads audited once), a publish or a mutation makes the next answer fresh, each
 * organisation gets its own answer, and documents it cannot account for are not cached.
 */
@Import(DayViewQueryCountIntegrationTests.CountingDatabaseClient.class)
// no idle polling for solver jobs (this instance's own jobs wake its worker at once): a poll is a
// statement through the counted DatabaseClient, and these tests count the statements of requests
@TestPropertySource(properties = "carerota.solver.poll-interval=1h")
class DayViewCacheIntegrationTests extends ApiTest {

    static final UUID NORFOLK = DemoRegionFixture.organisation("demo:provider-norfolk");
    static final UUID WAVENEY = DemoRegionFixture.organisation("demo:provider-waveney");

    static final String DAY_VIEW = "query($area: UUID!, $date: Date!) { rota(area: $area, date: $date) { date"
            + " plan { id version routes(date: $date) { carer { id name } assignments { position startAt endAt"
            + " visit { id windowStart durationMinutes serviceUser { id name postcode } } } } } } }";

    @Autowired
    DayViewCache cache;

    @BeforeEach
    void emptyCache() {
        cache.invalidate();
    }

    HttpGraphQlTester as(String user, UUID organisation) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                        .defaultHeader(
                                "Authorization", "Bearer " + TestTokens.token(user, "COORDINATOR", organisation, null))
                        .responseTimeout(Duration.ofSeconds(120))
                        .build())
                .mutate()
                .build();
    }

    /** The raw JSON answer of the day view. */
    String dayView(String user, UUID organisation) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .post()
                .uri("/graphql")
                .header("Authorization", "Bearer " + TestTokens.token(user, "COORDINATOR", organisation, null))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "query",
                        DAY_VIEW,
                        "variables",
                        Map.of("area", DemoRegionFixture.area("Norwich").toString(), "date", "2026-11-23")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    Map<String, Object> publishANewRota(HttpGraphQlTester graphQl) {
        Map<String, Object> plan = new RotaApiIntegrationTests()
                .draftOf(graphQl, DemoRegionFixture.area("Norwich"), DemoRegionFixture.MONDAY);
        assertThat(RotaApiIntegrationTests.publish(graphQl, plan.get("id"), plan.get("version"))
                        .get("__typename"))
                .isEqualTo("RotaPublished");
        return plan;
    }

    long audits(String user) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select count(*) as n from audit_events where actor_username = :user"
                                        + " and operation = 'READ' and table_name = 'service_users'")
                        .bind("user", user)
                        .map(row -> row.get("n", Long.class))
                        .one())
                .block();
    }

    /** How many distinct people {@code user}'s service-user reads audited. */
    long auditedPeople(String user) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select count(distinct person.id) as n from audit_events,"
                                + " unnest(record_ids) as person(id) where actor_username = :user and operation = 'READ'"
                                + " and table_name = 'service_users'")
                        .bind("user", user)
                        .map(row -> row.get("n", Long.class))
                        .one())
                .block();
    }

    @Test
    void shouldAnswerARepeatedDayViewFromMemoryAndAuditItOnce() {
        String user = "cache.coordinator." + UUID.randomUUID();
        Map<String, Object> plan = publishANewRota(as(user, NORFOLK));

        long auditedBefore = audits(user); // publishing may have audited reads of its own
        DayViewQueryCountIntegrationTests.STATEMENTS.set(0);
        String first = dayView(user, NORFOLK);
        int built = DayViewQueryCountIntegrationTests.STATEMENTS.getAndSet(0);
        long auditedByBuild = audits(user) - auditedBefore;
        long peopleAudited = auditedPeople(user);
        DayViewQueryCountIntegrationTests.STATEMENTS.set(0);
        String second = dayView(user, NORFOLK);
        String third = dayView(user, NORFOLK);
        int fromCache = DayViewQueryCountIntegrationTests.STATEMENTS.get();

        assertThat(first).contains(plan.get("id").toString()).contains("serviceUser");
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.cachedServiceUsers()).isNotEmpty();
        // two answers from memory cost at most a plan-version check each, not the view's statements
        assertThat(fromCache)
                .as("statements of 2 cached answers vs " + built + " to build")
                .isLessThanOrEqualTo(4);
        assertThat(built).isGreaterThan(4);
        // the build audits every person it read: usually in one row, in two when graphql-java
        // dispatched the Visit.serviceUser loader in two batches (see README, "Testing")
        assertThat(auditedByBuild).as("the build audited its reads").isBetween(1L, 2L);
        assertThat(peopleAudited)
                .as("every person in the answer audited")
                .isGreaterThanOrEqualTo(Set.copyOf(cache.cachedServiceUsers()).size());
        assertThat(audits(user) - auditedBefore - auditedByBuild)
                .as("the people read were audited once: answers from memory add no audit")
                .isZero();
    }

    @Test
    void shouldAnswerTheNewRotaOnceAnotherIsPublished() {
        String user = "cache.coordinator." + UUID.randomUUID();
        HttpGraphQlTester graphQl = as(user, NORFOLK);
        Map<String, Object> before = publishANewRota(graphQl);
        assertThat(dayView(user, NORFOLK)).contains(before.get("id").toString());

        Map<String, Object> after = publishANewRota(graphQl);
        assertThat(dayView(user, NORFOLK))
                .contains(after.get("id").toString())
                .doesNotContain(before.get("id").toString());
    }

    @Test
    void shouldSeeAChangeMadeWithoutAnyMutationOnceThePublishedPlanChanges() {
        String user = "cache.coordinator." + UUID.randomUUID();
        Map<String, Object> plan = publishANewRota(as(user, NORFOLK));
        assertThat(dayView(user, NORFOLK)).contains(plan.get("id").toString());
        // another instance (here: plain SQL) bumps the plan's version: the next check sees it
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("update plans set version = version + 1 where id = :id")
                        .bind("id", UUID.fromString(plan.get("id").toString()))
                        .fetch()
                        .rowsUpdated())
                .block();
        long version = ((Number) plan.get("version")).longValue() + 2; // published (+1), then bumped (+1)
        String expected = "\"version\":" + version;
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(5);
        String answer = dayView(user, NORFOLK);
        while (!answer.contains(expected) && java.time.Instant.now().isBefore(deadline)) {
            answer = dayView(user, NORFOLK);
        }
        assertThat(answer).contains(expected);
    }

    @Test
    void shouldGiveEachOrganisationItsOwnAnswer() {
        String norfolk = "cache.coordinator." + UUID.randomUUID();
        String waveney = "cache.coordinator." + UUID.randomUUID();
        Map<String, Object> plan = publishANewRota(as(norfolk, NORFOLK));
        assertThat(dayView(norfolk, NORFOLK)).contains(plan.get("id").toString());
        assertThat(dayView(waveney, WAVENEY)).doesNotContain(plan.get("id").toString());
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldNotCacheDocumentsWithAliasesOrAccessNotes() {
        String user = "cache.coordinator." + UUID.randomUUID();
        HttpGraphQlTester graphQl = as(user, NORFOLK);
        publishANewRota(graphQl);
        cache.invalidate();
        for (String document : new String[] {
            "query($a: UUID!) { r: rota(area: $a, date: \"2026-11-23\") { date } }",
            "query($a: UUID!) { rota(area: $a, date: \"2026-11-23\") { plan { routes { assignments { visit {"
                    + " serviceUser { id accessNotes } } } } } } }",
            "query($a: UUID!) { rota(area: $a, date: \"2026-11-23\") { plan { routes { assignments { visit {"
                    + " serviceUser { name } } } } } } }"
        }) {
            graphQl.document(document)
                    .variable("a", DemoRegionFixture.area("Norwich"))
                    .execute()
                    .errors()
                    .verify();
        }
        assertThat(cache.size()).isZero();
        assertThat(DayViewCache.classify(graphql.parser.Parser.parse(DAY_VIEW)).area())
                .isNotNull();
    }
}
