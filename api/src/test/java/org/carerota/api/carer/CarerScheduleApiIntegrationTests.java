package org.carerota.api.carer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The reference screens' carer reads and edits over HTTP: {@code Carer.shifts}/{@code absences}
 * (ranges, batching through a page of carers, bad ranges), {@code removeShift}/{@code removeAbsence}
 * (stale, started, missing, another organisation's), {@code ServiceUser}'s carer lists and the skill
 * catalogue with and without archived skills. Test rows live in 2030 (future) and 2020 (past).
 */
class CarerScheduleApiIntegrationTests extends ApiTest {

    static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    static final UUID OTHER_PROVIDER = DemoRegionFixture.organisation("demo:provider-waveney");

    @AfterEach
    void removeTestRows() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("delete from shifts where starts_at >= '2030-01-01' and"
                                + " starts_at < '2030-02-01' or starts_at >= '2020-01-01' and starts_at < '2020-02-01'")
                        .fetch()
                        .rowsUpdated()
                        .then(db.sql(
                                        "delete from absences where starts_at >= '2030-01-01' and starts_at < '2030-02-01'")
                                .fetch()
                                .rowsUpdated())
                        .then(db.sql("delete from service_users where name like '%(lists test)'")
                                .fetch()
                                .rowsUpdated())
                        .then(db.sql("delete from skills where code = 'test-archived-skill'")
                                .fetch()
                                .rowsUpdated()))
                .block();
    }

    HttpGraphQlTester as(String role, UUID organisation) {
        return as("schedule." + role + ".", role, organisation, Duration.ofSeconds(30));
    }

    List<UUID> carers(int count) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select id from carers where organisation_id = :org and"
                                + " archived_at is null order by name, id limit :n")
                        .bind("org", PROVIDER)
                        .bind("n", count)
                        .map(row -> row.get("id", UUID.class))
                        .all()
                        .collectList())
                .block();
    }

    UUID insert(String sql, UUID carer) {
        return transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql(sql)
                        .bind("carer", carer)
                        .bind("org", PROVIDER)
                        .map(row -> row.get("id", UUID.class))
                        .one())
                .block();
    }

    static final String SCHEDULE = "query($id: UUID!, $from: Date!, $to: Date!) { carer(id: $id) {"
            + " shifts(from: $from, to: $to) { id startsAt endsAt locked version }"
            + " absences(from: $from, to: $to) { id kind reason version } } }";

    @Test
    void shouldShowACarersShiftsAndAbsencesOfARangeAndBatchThemOverAPage() {
        UUID carer = carers(1).get(0);
        HttpGraphQlTester graphQl = as("COORDINATOR", PROVIDER);
        String shift = graphQl.document(
                        "mutation($id: UUID!) { addShift(input: {carerId: $id, startsAt:"
                                + " \"2030-01-07T08:00:00Z\", endsAt: \"2030-01-07T16:00:00Z\"}) { ... on ShiftAdded { shiftId } } }")
                .variable("id", carer)
                .execute()
                .path("addShift.shiftId")
                .entity(String.class)
                .get();
        insert(
                "insert into shifts (organisation_id, carer_id, starts_at, ends_at) values (:org, :carer,"
                        + " '2030-01-09T08:00:00Z', '2030-01-09T12:00:00Z') returning id",
                carer);
        insert(
                "insert into absences (organisation_id, carer_id, starts_at, ends_at, kind, reason) values (:org,"
                        + " :carer, '2030-01-08T00:00:00Z', '2030-01-09T00:00:00Z', 'ANNUAL_LEAVE', 'Holiday')"
                        + " returning id",
                carer);

        graphQl.document(SCHEDULE)
                .variable("id", carer)
                .variable("from", "2030-01-07")
                .variable("to", "2030-01-08")
                .execute()
                .path("carer.shifts[*].id")
                .entityList(String.class)
                .containsExactly(shift)
                .path("carer.shifts[0].locked")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("carer.absences[0].kind")
                .entity(String.class)
                .isEqualTo("ANNUAL_LEAVE")
                .path("carer.absences[0].reason")
                .entity(String.class)
                .isEqualTo("Holiday");

        graphQl.document("query { carers(first: 5) { edges { node { id shifts(from: \"2030-01-07\", to: \"2030-01-13\")"
                        + " { id } absences(from: \"2030-01-07\", to: \"2030-01-13\") { id } } } } }")
                .execute()
                .path("carers.edges[0].node.shifts")
                .entityList(Object.class)
                .hasSize(2)
                .path("carers.edges[1].node.shifts")
                .entityList(Object.class)
                .hasSize(0)
                .path("carers.edges[0].node.absences")
                .entityList(Object.class)
                .hasSize(1);
    }

    @Test
    void shouldRefuseARangeThatEndsBeforeItStartsOrIsTooLong() {
        UUID carer = carers(1).get(0);
        HttpGraphQlTester graphQl = as("COORDINATOR", PROVIDER);
        for (List<String> range : List.of(List.of("2030-01-08", "2030-01-07"), List.of("2030-01-01", "2030-12-31"))) {
            graphQl.document(SCHEDULE)
                    .variable("id", carer)
                    .variable("from", range.get(0))
                    .variable("to", range.get(1))
                    .execute()
                    .errors()
                    .satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.getExtensions())
                            .containsEntry("code", "INVALID_INPUT")));
        }
    }

    static final String REMOVE_SHIFT = "mutation($id: UUID!, $v: Int!) { removeShift(input: {id: $id,"
            + " expectedVersion: $v}) { __typename ... on ShiftRemoved { shiftId carer { id } }"
            + " ... on StaleCarerTime { currentVersion } ... on CarerTimeStarted { startsAt }"
            + " ... on CarerTimeNotFound { id } } }";

    @Test
    void shouldRemoveAFutureShiftAndAbsenceAndRefuseStaleStartedMissingAndForeignOnes() {
        UUID carer = carers(1).get(0);
        UUID future = insert(
                "insert into shifts (organisation_id, carer_id, starts_at, ends_at) values (:org, :carer,"
                        + " '2030-01-10T08:00:00Z', '2030-01-10T12:00:00Z') returning id",
                carer);
        UUID past = insert(
                "insert into shifts (organisation_id, carer_id, starts_at, ends_at) values (:org, :carer,"
                        + " '2020-01-10T08:00:00Z', '2020-01-10T12:00:00Z') returning id",
                carer);
        UUID absence = insert(
                "insert into absences (organisation_id, carer_id, starts_at, ends_at, kind) values (:org, :carer,"
                        + " '2030-01-11T00:00:00Z', '2030-01-12T00:00:00Z', 'TRAINING') returning id",
                carer);
        HttpGraphQlTester graphQl = as("COORDINATOR", PROVIDER);

        graphQl.document(REMOVE_SHIFT)
                .variable("id", future)
                .variable("v", 3)
                .execute()
                .path("removeShift.currentVersion")
                .entity(Integer.class)
                .isEqualTo(0);
        as("COORDINATOR", OTHER_PROVIDER)
                .document(REMOVE_SHIFT)
                .variable("id", future)
                .variable("v", 0)
                .execute()
                .path("removeShift.__typename")
                .entity(String.class)
                .isEqualTo("CarerTimeNotFound");
        graphQl.document(REMOVE_SHIFT)
                .variable("id", past)
                .variable("v", 0)
                .execute()
                .path("removeShift.__typename")
                .entity(String.class)
                .isEqualTo("CarerTimeStarted");
        graphQl.document(REMOVE_SHIFT)
                .variable("id", future)
                .variable("v", 0)
                .execute()
                .path("removeShift.carer.id")
                .entity(UUID.class)
                .isEqualTo(carer);
        graphQl.document(REMOVE_SHIFT)
                .variable("id", future)
                .variable("v", 0)
                .execute()
                .path("removeShift.id")
                .entity(UUID.class)
                .isEqualTo(future);
        graphQl.document("mutation($id: UUID!) { removeAbsence(input: {id: $id, expectedVersion: 0}) { __typename"
                        + " ... on AbsenceRemoved { absenceId } } }")
                .variable("id", absence)
                .execute()
                .path("removeAbsence.absenceId")
                .entity(UUID.class)
                .isEqualTo(absence);

        String left = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select (select count(*) from shifts where id in (:a, :b))"
                                + " || '/' || (select count(*) from absences where id = :c) as n")
                        .bind("a", future)
                        .bind("b", past)
                        .bind("c", absence)
                        .map(row -> row.get("n", String.class))
                        .one())
                .block();
        assertThat(left).isEqualTo("1/0"); // only the past shift stays
        as("CARER", PROVIDER)
                .document(REMOVE_SHIFT)
                .variable("id", past)
                .variable("v", 0)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .anySatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }

    @Test
    void shouldShowAServiceUsersPreferredBannedAndRegularCarersToStaffOnly() {
        List<UUID> carers = carers(3);
        HttpGraphQlTester graphQl = as("COORDINATOR", PROVIDER);
        String id = graphQl.document("mutation($area: UUID!, $p: [UUID!], $b: [UUID!], $r: [UUID!]) {"
                        + " createServiceUser(input: {name: \"Cy (lists test)\", area: $area, lat: 52.62, lon: 1.30,"
                        + " preferredCarers: $p, bannedCarers: $b, regularCarers: $r}) {"
                        + " ... on ServiceUserSaved { serviceUser { id } } } }")
                .variable("area", DemoRegionFixture.area("Norwich"))
                .variable("p", List.of(carers.get(0), carers.get(1)))
                .variable("b", List.of(carers.get(2)))
                .variable("r", List.of(carers.get(1)))
                .execute()
                .path("createServiceUser.serviceUser.id")
                .entity(String.class)
                .get();
        graphQl.document("query($id: UUID!) { serviceUser(id: $id) { preferredCarers { id } bannedCarers { id }"
                        + " regularCarers { id name } } }")
                .variable("id", id)
                .execute()
                .path("serviceUser.preferredCarers[*].id")
                .entityList(UUID.class)
                .containsExactly(carers.get(0), carers.get(1))
                .path("serviceUser.bannedCarers[*].id")
                .entityList(UUID.class)
                .containsExactly(carers.get(2))
                .path("serviceUser.regularCarers[*].id")
                .entityList(UUID.class)
                .containsExactly(carers.get(1));
        as("CARER", PROVIDER)
                .document("query($id: UUID!) { serviceUser(id: $id) { bannedCarers { id } } }")
                .variable("id", id)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .anySatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }

    @Test
    void shouldLeaveArchivedSkillsOutOfTheCatalogueUnlessAsked() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("insert into skills (code, name, category, archived_at)"
                                + " values ('test-archived-skill', 'Old skill', 'OTHER', now())")
                        .fetch()
                        .rowsUpdated())
                .block();
        HttpGraphQlTester graphQl = as("COORDINATOR", PROVIDER);
        graphQl.document("{ skills { code archived } }")
                .execute()
                .path("skills[*].code")
                .entityList(String.class)
                .doesNotContain("test-archived-skill")
                .hasSizeGreaterThan(3)
                .path("skills[*].archived")
                .entityList(Boolean.class)
                .doesNotContain(true);
        graphQl.document("{ skills(includeArchived: true) { code name archived } }")
                .execute()
                .path("skills[?(@.code == 'test-archived-skill')].archived")
                .entityList(Boolean.class)
                .containsExactly(true);
    }
}
