package org.carerota.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.carerota.api.report.ReportFixture.COUNCIL;
import static org.carerota.api.report.ReportFixture.NORTH;
import static org.carerota.api.report.ReportFixture.PROVIDER_P;
import static org.carerota.api.report.ReportFixture.SOUTH;
import static org.carerota.api.report.ReportFixture.SYSTEM_AREA;
import static org.carerota.api.report.ReportFixture.TRUST_T;
import static org.carerota.api.report.ReportFixture.VISIT_ONE;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The capacity reports on {@link ReportFixture}'s hand-computed region: the SQL figures exactly (as
 * SYSTEM), the scopes of coordinators and commissioners through the API, disclosure control,
 * person-level rows out of commissioners' reach, and the typed problems.
 */
// the background refresher is off so that the test below decides when it runs
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "carerota.reports.refresh-interval=0")
@ActiveProfiles("test")
class ReportIntegrationTests {

    private static final ReportFixture fixture = new ReportFixture();
    private static final String REPORT = "select * from reports_capacity(?::uuid, date '2026-11-02', date '2026-11-08',"
            + " ?::text[], date '2026-11-09')";
    private static final Map<String, Object> WEEK =
            Map.of("area", SYSTEM_AREA.toString(), "from", "2026-11-02", "to", "2026-11-08");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        fixture.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReportRefresher refresher;

    /** A tester with a generous timeout: the build machine is shared and often busy. */
    private HttpGraphQlTester as(String token) {
        return GraphQl.withToken(port, token)
                .mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static Map<String, Object> input(@Nullable List<String> groupBy) {
        Map<String, Object> input = new java.util.HashMap<>(WEEK);
        if (groupBy != null) {
            input.put("groupBy", groupBy);
        }
        return input;
    }

    @Test
    void shouldRedirectToTheReportPageWithoutATokenWhenOpeningReports() {
        for (String path : List.of("/reports", "/reports/")) {
            http().get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isFound()
                    .expectHeader()
                    .location("/reports/index.html");
        }
        http().get().uri("/reports/index.html").exchange().expectStatus().isOk();
    }

    // --- the SQL, every metric exactly ------------------------------------------------------

    @Test
    void shouldComputeEveryMetricExactlyWhenSystemReportsWholeArea() throws SQLException {
        Map<String, @Nullable String> row = fixture.firstRow("SYSTEM", null, REPORT, SYSTEM_AREA, "{}");
        assertThat(row.get("area_id")).isNull();
        assertThat(row.get("week")).isNull();
        assertNumber(row, "commissioned_hours", 13);
        assertNumber(row, "commissioned_people", 4);
        assertNumber(row, "planned_hours", 5.75);
        assertNumber(row, "planned_people", 4);
        assertNumber(row, "planned_visits", 7);
        assertNumber(row, "carers_rostered", 4);
        assertNumber(row, "unassigned_hours", 2.25);
        assertNumber(row, "unassigned_slots", 3);
        assertNumber(row, "unassigned_people", 3);
        assertThat(row.get("leading_reasons"))
                .isEqualTo(
                        "[{\"slots\": 3, \"reason\": \"NO_CAPACITY\"}, {\"slots\": 1, \"reason\": \"SKILL_MISSING\"}]");
        assertNumber(row, "delivered_hours", 5);
        assertNumber(row, "delivered_people", 4);
        assertNumber(row, "not_delivered_hours", 0.5);
        assertNumber(row, "not_delivered_people", 1);
        assertNumber(row, "due_visits", 7);
        assertNumber(row, "checked_in_visits", 6);
        assertNumber(row, "late_visits", 2);
        assertNumber(row, "missed_visits", 1);
        assertNumber(row, "short_visits", 1);
        assertNumber(row, "shift_hours", 58);
        assertNumber(row, "absence_hours", 9);
        assertNumber(row, "used_hours", 5.75);
        assertNumber(row, "travel_hours", 131 / 60.0);
        assertNumber(row, "workforce_carers", 4);
        assertNumber(row, "continuity_sum", 7);
        assertNumber(row, "continuity_units", 4);
        assertNumber(row, "continuity_people", 4);
        assertNumber(row, "health_on_social_care_hours", 1);
        assertNumber(row, "social_care_on_health_hours", 0.75);
        assertNumber(row, "cross_pool_carers", 2);
        assertThat(row.get("cross_pool_flows"))
                .contains(
                        "\"poolName\": \"T Community Nursing\"",
                        "\"hours\": 1.00",
                        "\"fromSector\": \"HEALTH\"",
                        "\"toSector\": \"SOCIAL_CARE\"",
                        "\"hours\": 0.75");
    }

    @Test
    void shouldRecomputeChangedDayAndForgetUnreadDaysWhenBackgroundRefresherRuns() throws SQLException {
        fixture.commit("SYSTEM", null, "select reports_refresh(date '2026-11-02', date '2026-11-08')");
        // a coordinator's note on V1 (Monday 2 November) changes no figure but marks its day
        fixture.commit("SYSTEM", null, "update visits set note = 'gate code changed' where id = ?", VISIT_ONE);
        assertThat(fixture.firstRow("SYSTEM", null, "select count(*) as days from reports_stale_days(10)"))
                .containsEntry("days", "1");
        // a shift in January marks a day no report has read: a mark with nothing to refresh
        fixture.commit(
                "SYSTEM",
                null,
                "insert into shifts (organisation_id, carer_id, starts_at, ends_at)"
                        + " values (?, ?, '2027-01-04 08:00Z', '2027-01-04 12:00Z')",
                PROVIDER_P,
                ReportFixture.id("831"));
        assertThat(fixture.asOwner("select count(*) from reporting.stale_days where from_day = '2027-01-04'"))
                .containsExactly("1");

        assertThat(refresher.refreshOnce().block(Duration.ofSeconds(30))).isEqualTo(1);

        assertThat(fixture.firstRow("SYSTEM", null, "select count(*) as days from reports_stale_days(10)"))
                .containsEntry("days", "0");
        assertThat(fixture.asOwner("select count(*) from reporting.stale_days")).containsExactly("0");
        assertNumber(fixture.firstRow("SYSTEM", null, REPORT, SYSTEM_AREA, "{}"), "planned_hours", 5.75);
    }

    @Test
    void shouldSplitFiguresByChildAreaWhenGroupedByArea() throws SQLException {
        Map<String, @Nullable String> north = fixture.firstRow(
                "SYSTEM", null, "select * from (" + REPORT + ") r where r.area_id = ?", SYSTEM_AREA, "{AREA}", NORTH);
        assertThat(north.get("area_name")).isEqualTo("North");
        assertNumber(north, "commissioned_hours", 9.5);
        assertNumber(north, "planned_hours", 4.5);
        assertNumber(north, "unassigned_hours", 1.5);
        assertNumber(north, "delivered_hours", 3.75);
        assertNumber(north, "shift_hours", 46);
        assertNumber(north, "absence_hours", 9);
        assertNumber(north, "used_hours", 4.5);
        assertNumber(north, "travel_hours", 107 / 60.0);
        assertNumber(north, "workforce_carers", 3);
        Map<String, @Nullable String> south = fixture.firstRow(
                "SYSTEM", null, "select * from (" + REPORT + ") r where r.area_id = ?", SYSTEM_AREA, "{AREA}", SOUTH);
        assertNumber(south, "commissioned_hours", 3.5);
        assertNumber(south, "planned_hours", 1.25);
        assertNumber(south, "unassigned_hours", 0.75);
        assertNumber(south, "delivered_hours", 1.25);
        assertNumber(south, "shift_hours", 12);
        assertNumber(south, "travel_hours", 0.4);
        assertNumber(south, "workforce_carers", 2);
    }

    @Test
    void shouldAttributeWorkToCarerPoolAndNeedToNoPoolWhenGroupedByPool() throws SQLException {
        String byPool = "select * from (" + REPORT + ") r where r.pool_name is not distinct from ?";
        Map<String, @Nullable String> none = fixture.firstRow("SYSTEM", null, byPool, SYSTEM_AREA, "{POOL}", null);
        assertNumber(none, "commissioned_hours", 13);
        assertNumber(none, "planned_hours", 0);
        assertNumber(none, "continuity_people", 4);
        Map<String, @Nullable String> p =
                fixture.firstRow("SYSTEM", null, byPool, SYSTEM_AREA, "{POOL}", "P Home Care");
        assertNumber(p, "planned_hours", 4.25);
        assertNumber(p, "delivered_hours", 3.5);
        assertNumber(p, "workforce_carers", 2);
        Map<String, @Nullable String> t =
                fixture.firstRow("SYSTEM", null, byPool, SYSTEM_AREA, "{POOL}", "T Community Nursing");
        assertNumber(t, "planned_hours", 1);
        assertNumber(t, "health_on_social_care_hours", 1);
        Map<String, @Nullable String> health = fixture.firstRow(
                "SYSTEM", null, "select * from (" + REPORT + ") r where r.sector = 'HEALTH'", SYSTEM_AREA, "{SECTOR}");
        assertNumber(health, "commissioned_hours", 3);
        assertNumber(health, "planned_hours", 0.75);
        assertNumber(health, "shift_hours", 6);
    }

    // --- scopes and disclosure control through the API ----------------------------------------

    @Test
    void shouldReportOwnOrganisationExactlyWhenCoordinator() {
        GraphQlTester.Response response = as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityReport")
                .variable("input", input(List.of()))
                .execute();
        response.path("capacityReport.__typename").entity(String.class).isEqualTo("CapacityReport");
        response.path("capacityReport.disclosureControlled")
                .entity(Boolean.class)
                .isEqualTo(false);
        response.path("capacityReport.groups[0].commissionedHours.value")
                .entity(Double.class)
                .isEqualTo(12.5);
        response.path("capacityReport.groups[0].plannedHours.value")
                .entity(Double.class)
                .isEqualTo(5.25);
        response.path("capacityReport.groups[0].deliveredHours.value")
                .entity(Double.class)
                .isEqualTo(4.5);
        response.path("capacityReport.groups[0].lateVisits.value")
                .entity(Long.class)
                .isEqualTo(2L);
        response.path("capacityReport.groups[0].missedVisits.value")
                .entity(Long.class)
                .isEqualTo(1L);
        response.path("capacityReport.groups[0].shortVisits.value")
                .entity(Long.class)
                .isEqualTo(1L);
        response.path("capacityReport.groups[0].workforceCarers.value")
                .entity(Long.class)
                .isEqualTo(2L);
        response.path("capacityReport.groups[0].shiftHours.value")
                .entity(Double.class)
                .isEqualTo(48.0);
        response.path("capacityReport.groups[0].absenceHours.value")
                .entity(Double.class)
                .isEqualTo(8.0);
        response.path("capacityReport.groups[0].usedHours.value")
                .entity(Double.class)
                .isEqualTo(4.25);
        response.path("capacityReport.groups[0].utilisation.value")
                .entity(Double.class)
                .isEqualTo(0.1063);
        response.path("capacityReport.groups[0].absenceRate.value")
                .entity(Double.class)
                .isEqualTo(0.1667);
        response.path("capacityReport.groups[0].continuity.value")
                .entity(Double.class)
                .isEqualTo(2.0);
        response.path("capacityReport.groups[0].leadingReasons[0].reason")
                .entity(String.class)
                .isEqualTo("NO_CAPACITY");
        response.path("capacityReport.groups[0].leadingReasons[0].slots.value")
                .entity(Long.class)
                .isEqualTo(3L);
    }

    @Test
    void shouldSuppressSmallNumbersWhenCommissioner() {
        GraphQlTester.Response response = as(TestTokens.commissioner(COUNCIL))
                .documentName("report/capacityReport")
                .variable("input", input(List.of("AREA", "WEEK")))
                .execute();
        response.path("capacityReport.disclosureControlled")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.suppressionThreshold")
                .entity(Integer.class)
                .isEqualTo(8);
        response.path("capacityReport.groups[*].area.name")
                .entityList(String.class)
                .containsExactly("North", "South");
        response.path("capacityReport.groups[0].commissionedPeople.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].commissionedPeople.value").valueIsNull();
        response.path("capacityReport.groups[0].commissionedHours.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].plannedVisits.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].lateVisits.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].continuity.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].utilisation.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].leadingReasons[0].slots.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].shortVisits.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        // a true zero is not disclosive: shown as 0 (the council commissions no late visit in South)
        response.path("capacityReport.groups[1].lateVisits.value")
                .entity(Long.class)
                .isEqualTo(0L);
        response.path("capacityReport.groups[1].lateVisits.suppressed")
                .entity(Boolean.class)
                .isEqualTo(false);
        response.path("capacityReport.groups[1].unassignedSlots.value")
                .entity(Long.class)
                .isEqualTo(0L);
    }

    @Test
    void shouldNeverReachPersonLevelRowsWhenCommissioner() throws SQLException {
        as(TestTokens.commissioner(COUNCIL))
                .document("{ visits(from: \"2026-11-02\", to: \"2026-11-08\") { edges { node { id } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(
                                error.getErrorType().toString())
                        .isEqualTo("FORBIDDEN")));
        for (String table : List.of(
                "visits",
                "service_users",
                "assignments",
                "unassigned_visits",
                "visit_events",
                "care_packages",
                "carers",
                "shifts",
                "absences",
                "plan_routes")) {
            assertThat(fixture.firstRow("COMMISSIONER", COUNCIL, "select count(*) as n from " + table)
                            .get("n"))
                    .as(table)
                    .isEqualTo("0");
        }
        assertThatThrownBy(() -> fixture.firstRow(
                        "COMMISSIONER",
                        COUNCIL,
                        "select * from reports_capacity_scoped('SYSTEM', null, true, ?::uuid, date '2026-11-02',"
                                + " date '2026-11-08', '{}', date '2026-11-09')",
                        SYSTEM_AREA))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        // the report's columns are aggregates and grouping keys only: no person, visit or carer ids
        assertThat(fixture.firstRow(
                                "COMMISSIONER",
                                COUNCIL,
                                REPORT,
                                SYSTEM_AREA,
                                "{AREA,WEEK,DAY,SECTOR,COMMISSIONER,POOL}")
                        .keySet())
                .noneMatch(column -> column.contains("person")
                        || column.contains("visit_id")
                        || column.contains("service_user")
                        || column.contains("carer_id"));
    }

    @Test
    void shouldGiveOwnedAreaToCommissionerWhenOrganisationOwnsIt() {
        GraphQlTester.Response response = as(TestTokens.commissioner(ReportFixture.ICB))
                .documentName("report/capacityReport")
                .variable("input", input(List.of()))
                .execute();
        // the ICB owns the areas: all care in them, controlled (13 h for 4 people: suppressed)
        response.path("capacityReport.disclosureControlled")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].commissionedHours.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("capacityReport.groups[0].missedVisits.suppressed")
                .entity(Boolean.class)
                .isEqualTo(true);
    }

    // --- bad input ---------------------------------------------------------------------------

    @Test
    void shouldAnswerPeriodTooLongWhenPeriodExceedsMaximum() {
        Map<String, Object> input = input(null);
        input.put("to", "2027-03-01");
        GraphQlTester.Response response = as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityReport")
                .variable("input", input)
                .execute();
        response.path("capacityReport.__typename").entity(String.class).isEqualTo("PeriodTooLong");
        response.path("capacityReport.maxDays").entity(Integer.class).isEqualTo(92);
        response.path("capacityReport.requestedDays").entity(Integer.class).isEqualTo(120);
    }

    @Test
    void shouldAnswerInvalidPeriodWhenPeriodEndsBeforeItStarts() {
        Map<String, Object> input = input(null);
        input.put("to", "2026-11-01");
        as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityReport")
                .variable("input", input)
                .execute()
                .path("capacityReport.__typename")
                .entity(String.class)
                .isEqualTo("InvalidPeriod");
    }

    @Test
    void shouldAnswerUnknownGroupingWhenGroupingIsNotKnown() {
        GraphQlTester.Response response = as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityReport")
                .variable("input", input(List.of("AREA", "POSTCODE")))
                .execute();
        response.path("capacityReport.__typename").entity(String.class).isEqualTo("UnknownGrouping");
        response.path("capacityReport.grouping").entity(String.class).isEqualTo("POSTCODE");
        response.path("capacityReport.allowed").entityList(String.class).contains("AREA", "WEEK", "POOL");
    }

    @Test
    void shouldAnswerAreaNotVisibleWhenCommissionerHasNoCareThere() {
        as(TestTokens.commissioner(TRUST_T))
                .documentName("report/capacityReport")
                .variable("input", input(null))
                .execute()
                .path("capacityReport.__typename")
                .entity(String.class)
                .isEqualTo("AreaNotVisible");
        Map<String, Object> unknown = input(null);
        unknown.put("area", UUID.randomUUID().toString());
        as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityReport")
                .variable("input", unknown)
                .execute()
                .path("capacityReport.__typename")
                .entity(String.class)
                .isEqualTo("AreaNotVisible");
    }

    @Test
    void shouldRefuseReportsWhenCallerIsCarer() {
        as(TestTokens.carer(PROVIDER_P, ReportFixture.id("831")))
                .documentName("report/capacityReport")
                .variable("input", input(null))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(
                                error.getErrorType().toString())
                        .isEqualTo("FORBIDDEN")));
    }

    // --- returns, CSV and charts ----------------------------------------------------------------

    @Test
    void shouldMapFiguresToCapacityTrackerItemsWhenCoordinatorAsksForMonth() {
        GraphQlTester.Response response = as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityTrackerReturn")
                .variable("input", Map.of("area", SYSTEM_AREA.toString(), "month", "2026-11"))
                .execute();
        response.path("capacityTrackerReturn.__typename").entity(String.class).isEqualTo("CapacityTrackerReturn");
        response.path("capacityTrackerReturn.from").entity(String.class).isEqualTo("2026-11-01");
        response.path("capacityTrackerReturn.to").entity(String.class).isEqualTo("2026-11-30");
        response.path("capacityTrackerReturn.items[?(@.code == 'CT01')].value.value")
                .entityList(Double.class)
                .containsExactly(3.0);
        response.path("capacityTrackerReturn.items[?(@.code == 'CT04')].value.value")
                .entityList(Double.class)
                .containsExactly(4.5);
        response.path("capacityTrackerReturn.items[?(@.code == 'CT05')].value.value")
                .entityList(Double.class)
                .containsExactly(2.25);
        response.path("capacityTrackerReturn.items[?(@.code == 'CT10')].value.value")
                .entityList(Double.class)
                .containsExactly(35.75);
        as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/capacityTrackerReturn")
                .variable("input", Map.of("area", SYSTEM_AREA.toString(), "month", "November"))
                .execute()
                .path("capacityTrackerReturn.__typename")
                .entity(String.class)
                .isEqualTo("InvalidPeriod");
    }

    @Test
    void shouldSummariseUnmetNeedByAreaWhenCoordinatorAsks() {
        GraphQlTester.Response response = as(TestTokens.coordinator(PROVIDER_P))
                .documentName("report/unmetNeedSummary")
                .variable("input", WEEK)
                .execute();
        response.path("unmetNeedSummary.areas[*].area.name")
                .entityList(String.class)
                .containsExactly("North", "South");
        response.path("unmetNeedSummary.areas[0].unmetHours.value")
                .entity(Double.class)
                .isEqualTo(1.5);
        response.path("unmetNeedSummary.total.unmetHours.value")
                .entity(Double.class)
                .isEqualTo(2.25);
        response.path("unmetNeedSummary.total.peopleWithUnmetNeed.value")
                .entity(Long.class)
                .isEqualTo(3L);
        response.path("unmetNeedSummary.total.hoursNotDelivered.value")
                .entity(Double.class)
                .isEqualTo(0.5);
        // (2.25 + 0.5) / 12.5
        response.path("unmetNeedSummary.total.unmetShare.value")
                .entity(Double.class)
                .isEqualTo(0.22);
    }

    @Test
    void shouldExportSuppressedCsvWhenCommissionerDownloads() {
        String csv = http().get()
                .uri("/reports/capacity.csv?area={area}&from=2026-11-02&to=2026-11-08&groupBy=AREA,WEEK", SYSTEM_AREA)
                .header("Authorization", "Bearer " + TestTokens.commissioner(COUNCIL))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith("area_id,area,week,day,sector,commissioner,pool,commissioned_hours");
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).contains("North", "South", "[c]").doesNotContain("Person");
    }

    @Test
    void shouldAnswerProblemNotEmptyCsvWhenInputIsBad() {
        http().get()
                .uri("/reports/capacity.csv?area={area}&from=2026-11-02&to=2026-11-08&groupBy=POSTCODE", SYSTEM_AREA)
                .header("Authorization", "Bearer " + TestTokens.coordinator(PROVIDER_P))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("UnknownGrouping");
        http().get()
                .uri("/reports/unmet-need.csv?area={area}&from=2026-11-02&to=2026-11-08", UUID.randomUUID())
                .header("Authorization", "Bearer " + TestTokens.coordinator(PROVIDER_P))
                .exchange()
                .expectStatus()
                .isNotFound();
        http().get()
                .uri("/reports/capacity.csv?area={area}&from=2026-11-02&to=2026-11-08", SYSTEM_AREA)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void shouldDrawChartsWhenCoordinatorAsks() {
        for (String chart : List.of("unmet-hours", "delivered-vs-commissioned", "cross-pool")) {
            String svg = http().get()
                    .uri("/reports/charts/" + chart + ".svg?area={area}&from=2026-11-02&to=2026-11-08", SYSTEM_AREA)
                    .header("Authorization", "Bearer " + TestTokens.coordinator(PROVIDER_P))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(svg)
                    .as(chart)
                    .startsWith("<svg")
                    .contains("id=\"chart-title\"", "id=\"legend\"", "id=\"bar-0-0\"");
        }
        String unmet = http().get()
                .uri("/reports/charts/unmet-hours.svg?area={area}&from=2026-11-02&to=2026-11-08", SYSTEM_AREA)
                .header("Authorization", "Bearer " + TestTokens.coordinator(PROVIDER_P))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(unmet).contains("data-series=\"North\"", "data-value=\"1.50\"", "data-series=\"South\"");
    }

    private static void assertNumber(Map<String, @Nullable String> row, String column, double expected) {
        assertThat(row.get(column)).as(column).isNotNull();
        assertThat(Double.parseDouble(row.get(column))).as(column).isCloseTo(expected, within(1e-9));
    }
}
