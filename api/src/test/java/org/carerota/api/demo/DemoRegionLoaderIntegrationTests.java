package org.carerota.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoRegionLoaderIntegrationTests extends ApiTest {

    DemoRegionLoader loader;

    /** Every query needs a token (issue 3): a coordinator of the Norfolk provider. */
    static final java.util.UUID NORFOLK = DemoRegion.organisationId("demo:provider-norfolk");

    static final String COORDINATOR = TestTokens.coordinator(NORFOLK);

    @BeforeAll
    void loadSmallRegion() {
        loader = DemoRegionFixture.loader(transactions);
        DemoRegionFixture.load(transactions);
    }

    @Test
    void shouldLoadNothingAndLoseNothingWhenLoadedAgain() {
        Map<String, Long> before = counts();
        assertThat(loader.load().block()).isFalse();
        assertThat(counts()).isEqualTo(before);
        assertThat(before.get("carers")).isEqualTo(30L);
        assertThat(before.get("visits")).isGreaterThan(400L);
    }

    @Test
    void shouldServeCarersWithSkillsWhenQueried() {
        HttpGraphQlTester graphQl = GraphQl.withToken(port, COORDINATOR);
        List<String> names = graphQl.document("{ carers(first: 3) { edges { node { name skills { code } } } } }")
                .execute()
                .path("carers.edges[*].node.name")
                .entityList(String.class)
                .get();
        assertThat(names).hasSize(3).isSorted();
        graphQl.document("{ carers(first: 3) { edges { node { name skills { code } } } } }")
                .execute()
                .path("carers.edges[0].node.skills[*].code")
                .entityList(String.class)
                .satisfies(codes -> assertThat(codes).isNotEmpty());
    }

    @Test
    void shouldPageThroughCarersWithoutGapsOrRepeatsWhenFollowingCursors() {
        HttpGraphQlTester graphQl = GraphQl.withToken(port, COORDINATOR);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            String args = after == null ? "first: 7" : "first: 7, after: \"" + after + "\"";
            var response = graphQl.document("{ carers(" + args + ") { edges { node { id } }"
                            + " pageInfo { hasNextPage endCursor } } }")
                    .execute();
            seen.addAll(response.path("carers.edges[*].node.id")
                    .entityList(String.class)
                    .get());
            boolean more = response.path("carers.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get();
            if (!more) {
                break;
            }
            after = response.path("carers.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        // row-level security: the coordinator pages through exactly the carers they may see
        long visible = transactions
                .readAs(new TenantContext("coordinator.test", "COORDINATOR", NORFOLK, null), db -> db.sql(
                                "select count(*) from carers")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
        assertThat(visible).isPositive();
        assertThat(seen).hasSize((int) visible).doesNotHaveDuplicates();
    }

    @Test
    void shouldServeVisitsOfADayWithTheirServiceUsersWhenQueriedByDate() {
        HttpGraphQlTester graphQl = GraphQl.withToken(port, COORDINATOR);
        var response = graphQl.document("{ visits(from: \"2026-11-23\", to: \"2026-11-23\", first: 20) { edges { node {"
                        + " date windowStart durationMinutes carersRequired priority requiredSkills { code }"
                        + " serviceUser { name area { name } } commissioner { name kind } } } } }")
                .execute();
        List<String> dates = response.path("visits.edges[*].node.date")
                .entityList(String.class)
                .get();
        assertThat(dates).hasSize(20).containsOnly("2026-11-23");
        response.path("visits.edges[0].node.serviceUser.area.name")
                .entity(String.class)
                .satisfies(name -> assertThat(name).isNotBlank());
    }

    @Test
    void shouldRejectARangeEndingBeforeItStartsWhenQueryingVisits() {
        GraphQl.withToken(port, COORDINATOR)
                .document("{ visits(from: \"2026-11-24\", to: \"2026-11-23\") { edges { node { id } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getMessage()).contains("is before");
                    assertThat(error.getExtensions()).containsEntry("code", "INVALID_INPUT");
                }));
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of(
                "organisations",
                "areas",
                "staff_pools",
                "sharing_agreements",
                "skills",
                "carers",
                "carer_skills",
                "shifts",
                "absences",
                "service_users",
                "service_user_carers",
                "care_packages",
                "visit_templates",
                "visits",
                "visit_required_skills")) {
            counts.put(
                    table,
                    transactions
                            .readAs(TenantContext.SYSTEM, db -> db.sql("select count(*) from " + table)
                                    .map(row -> row.get(0, Long.class))
                                    .one())
                            .block());
        }
        return counts;
    }
}
