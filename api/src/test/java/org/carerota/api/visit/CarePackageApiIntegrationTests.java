package org.carerota.api.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Care packages listed, edited and archived over HTTP: the re-expansion of future visits (re-timed,
 * created, taken away; a visit on a published rota kept), optimistic locking and the problems.
 * Packages live in January 2030 so that every visit is in the future whatever the machine's date.
 */
class CarePackageApiIntegrationTests extends ApiTest {

    static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    static final UUID COUNCIL = DemoRegionFixture.organisation("demo:council-norfolk");
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String REFERENCE = "test-pkg";

    @AfterEach
    void removeTestPackages() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("delete from published_plan_days where plan_id in"
                                + " (select id from plans where revision >= 900000)")
                        .fetch()
                        .rowsUpdated()
                        .then(db.sql("delete from plans where revision >= 900000")
                                .fetch()
                                .rowsUpdated())
                        .then(db.sql("delete from visits where care_package_id in (select id from care_packages"
                                        + " where reference like 'test-pkg%')")
                                .fetch()
                                .rowsUpdated())
                        .then(db.sql("delete from care_packages where reference like 'test-pkg%'")
                                .fetch()
                                .rowsUpdated())
                        .then(db.sql("delete from skills where code = 'test-pkg-skill'")
                                .fetch()
                                .rowsUpdated()))
                .block();
    }

    HttpGraphQlTester coordinator() {
        return as("package.coordinator.", "COORDINATOR", PROVIDER, Duration.ofSeconds(30));
    }

    UUID person() {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select id from service_users where organisation_id = :org"
                                + " and archived_at is null order by name limit 1")
                        .bind("org", PROVIDER)
                        .map(row -> row.get("id", UUID.class))
                        .one())
                .block();
    }

    static final String CREATE = "mutation($person: UUID!, $commissioner: UUID!, $reference: String!) {"
            + " createCarePackage(input: {serviceUserId: $person, commissionerId: $commissioner,"
            + " startsOn: \"2030-01-07\", reference: $reference, expandFrom: \"2030-01-07\", expandTo: \"2030-01-13\","
            + " templates: [{label: \"Morning\", daysOfWeek: [1, 3, 5], windowStart: \"08:00\", windowEnd: \"09:00\","
            + " durationMinutes: 30}]}) { __typename ... on CarePackageCreated { carePackageId visitsCreated } } }";

    UUID createPackage(HttpGraphQlTester graphQl, UUID person) {
        graphQl.document(CREATE)
                .variable("person", person)
                .variable("commissioner", COUNCIL)
                .variable("reference", REFERENCE)
                .execute()
                .path("createCarePackage.visitsCreated")
                .entity(Integer.class)
                .isEqualTo(3);
        return UUID.fromString(graphQl
                .document("query($person: UUID!) { carePackages(serviceUser: $person, last: 5) {"
                        + " edges { node { id reference } } } }")
                .variable("person", person)
                .execute()
                .path("carePackages.edges[*].node")
                .entityList(Map.class)
                .get()
                .stream()
                .filter(node -> REFERENCE.equals(node.get("reference")))
                .map(node -> (String) node.get("id"))
                .findFirst()
                .orElseThrow());
    }

    /** The package's visits as "date time duration status", by start. */
    List<String> visits(UUID packageId) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select service_date || ' ' || to_char(window_start at time"
                                + " zone 'Europe/London', 'HH24:MI') || ' ' || duration_minutes || ' ' || status as v"
                                + " from visits where care_package_id = :id order by window_start")
                        .bind("id", packageId)
                        .map(row -> row.get("v", String.class))
                        .all()
                        .collectList())
                .block();
    }

    /** Puts the package's visit of {@code day} on a published rota (listed as unmet need there). */
    void publishWithVisit(UUID packageId, String day) {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql(
                                "with v as (select id, organisation_id, area_id, service_date"
                                        + " from visits where care_package_id = :id and service_date = cast(:day as date)),"
                                        + " p as (insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision,"
                                        + " status, published_at) select organisation_id, area_id, service_date, service_date,"
                                        + " 900000 + (select count(*) from plans where revision >= 900000), 'PUBLISHED', now()"
                                        + " from v returning id, organisation_id, area_id, horizon_from),"
                                        + " d as (insert into published_plan_days (organisation_id, area_id, service_date,"
                                        + " plan_id) select organisation_id, area_id, horizon_from, id from p)"
                                        + " insert into unassigned_visits (organisation_id, plan_id, visit_id, service_date)"
                                        + " select p.organisation_id, p.id, v.id, v.service_date from p, v")
                        .bind("id", packageId)
                        .bind("day", day)
                        .fetch()
                        .rowsUpdated())
                .block();
    }

    static final String UPDATE = "mutation($input: UpdateCarePackageInput!) { updateCarePackage(input: $input) {"
            + " __typename ... on CarePackageSaved { visitsCreated visitsChanged visitsRemoved visitsKept"
            + " carePackage { version templates { id windowStart daysOfWeek durationMinutes } } }"
            + " ... on StaleCarePackage { currentVersion } ... on VisitInvalid { field reason }"
            + " ... on CarePackageNotFound { id } } }";

    @Test
    void shouldListAPackageWithItsTemplatesAndReExpandItsFreeVisitsWhenEditedKeepingThePublishedOne() {
        HttpGraphQlTester graphQl = coordinator();
        UUID person = person();
        UUID packageId = createPackage(graphQl, person);
        String template = graphQl.document("query($id: UUID!) { carePackage(id: $id) { version startsOn"
                        + " serviceUser { id } commissioner { id } templates { id label daysOfWeek everyWeeks"
                        + " durationMinutes priority requiredSkills { code } } } }")
                .variable("id", packageId)
                .execute()
                .path("carePackage.serviceUser.id")
                .entity(UUID.class)
                .isEqualTo(person)
                .path("carePackage.commissioner.id")
                .entity(UUID.class)
                .isEqualTo(COUNCIL)
                .path("carePackage.templates[0].daysOfWeek")
                .entityList(Integer.class)
                .containsExactly(1, 3, 5)
                .path("carePackage.templates[0].id")
                .entity(String.class)
                .get();
        publishWithVisit(packageId, "2030-01-09");

        Map<String, Object> input = Map.of(
                "id",
                packageId,
                "expectedVersion",
                0,
                "expandFrom",
                "2030-01-07",
                "expandTo",
                "2030-01-13",
                "templates",
                List.of(Map.of(
                        "id",
                        template,
                        "daysOfWeek",
                        List.of(1, 2, 3),
                        "windowStart",
                        "10:00",
                        "windowEnd",
                        "11:00",
                        "durationMinutes",
                        45)));
        graphQl.document(UPDATE)
                .variable("input", input)
                .execute()
                .path("updateCarePackage.__typename")
                .entity(String.class)
                .isEqualTo("CarePackageSaved")
                .path("updateCarePackage.visitsChanged")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("updateCarePackage.visitsCreated")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("updateCarePackage.visitsRemoved")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("updateCarePackage.visitsKept")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("updateCarePackage.carePackage.version")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("updateCarePackage.carePackage.templates[0].id")
                .entity(String.class)
                .isEqualTo(template);

        // Monday re-timed, Tuesday new, Wednesday (published) untouched, Friday gone
        assertThat(visits(packageId))
                .containsExactly(
                        "2030-01-07 10:00 45 PLANNED", "2030-01-08 10:00 45 PLANNED", "2030-01-09 08:00 30 PLANNED");

        // the same edit again changes nothing more: the published Wednesday stays at 08:00
        Map<String, Object> again = new java.util.HashMap<>(input);
        again.put("expectedVersion", 1);
        graphQl.document(UPDATE)
                .variable("input", again)
                .execute()
                .path("updateCarePackage.visitsCreated")
                .entity(Integer.class)
                .isEqualTo(0)
                .path("updateCarePackage.visitsRemoved")
                .entity(Integer.class)
                .isEqualTo(0);
        assertThat(visits(packageId)).hasSize(3);
    }

    @Test
    void shouldAnswerStaleVersionUnknownTemplatePastHorizonAndUnknownPackageAsProblems() {
        HttpGraphQlTester graphQl = coordinator();
        UUID packageId = createPackage(graphQl, person());
        graphQl.document(UPDATE)
                .variable("input", Map.of("id", packageId, "expectedVersion", 0, "reference", "test-pkg renamed"))
                .execute()
                .path("updateCarePackage.carePackage.version")
                .entity(Integer.class)
                .isEqualTo(1);
        graphQl.document(UPDATE)
                .variable("input", Map.of("id", packageId, "expectedVersion", 0, "reference", "test-pkg lost"))
                .execute()
                .path("updateCarePackage.currentVersion")
                .entity(Integer.class)
                .isEqualTo(1);
        graphQl.document(UPDATE)
                .variable(
                        "input",
                        Map.of(
                                "id",
                                packageId,
                                "expectedVersion",
                                1,
                                "expandFrom",
                                "2030-01-07",
                                "templates",
                                List.of(Map.of(
                                        "id",
                                        UUID.randomUUID(),
                                        "daysOfWeek",
                                        List.of(1),
                                        "windowStart",
                                        "10:00",
                                        "windowEnd",
                                        "11:00",
                                        "durationMinutes",
                                        45))))
                .execute()
                .path("updateCarePackage.field")
                .entity(String.class)
                .isEqualTo("templates[0].id");
        graphQl.document(UPDATE)
                .variable("input", Map.of("id", packageId, "expectedVersion", 1, "expandFrom", "2020-01-01"))
                .execute()
                .path("updateCarePackage.field")
                .entity(String.class)
                .isEqualTo("expandFrom");
        UUID unknown = UUID.randomUUID();
        graphQl.document(UPDATE)
                .variable("input", Map.of("id", unknown, "expectedVersion", 0))
                .execute()
                .path("updateCarePackage.id")
                .entity(UUID.class)
                .isEqualTo(unknown);
        // nothing of the refused edits was written
        assertThat(visits(packageId))
                .containsExactly(
                        "2030-01-07 08:00 30 PLANNED", "2030-01-09 08:00 30 PLANNED", "2030-01-11 08:00 30 PLANNED");
    }

    @Test
    void shouldArchiveAPackageTakingAwayItsFreeVisitsAndListItOnlyWhenAsked() {
        HttpGraphQlTester graphQl = coordinator();
        UUID person = person();
        UUID packageId = createPackage(graphQl, person);
        publishWithVisit(packageId, "2030-01-11");
        String archive = "mutation($id: UUID!, $v: Int!) { archiveCarePackage(input: {id: $id, expectedVersion: $v})"
                + " { __typename ... on CarePackageSaved { visitsRemoved visitsKept carePackage { archived } }"
                + " ... on StaleCarePackage { currentVersion } } }";
        graphQl.document(archive)
                .variable("id", packageId)
                .variable("v", 5)
                .execute()
                .path("archiveCarePackage.currentVersion")
                .entity(Integer.class)
                .isEqualTo(0);
        graphQl.document(archive)
                .variable("id", packageId)
                .variable("v", 0)
                .execute()
                .path("archiveCarePackage.visitsRemoved")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("archiveCarePackage.visitsKept")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("archiveCarePackage.carePackage.archived")
                .entity(Boolean.class)
                .isEqualTo(true);
        assertThat(visits(packageId)).containsExactly("2030-01-11 08:00 30 PLANNED");
        String list = "query($person: UUID!, $all: Boolean) { carePackages(serviceUser: $person, includeArchived: $all,"
                + " last: 5)"
                + " { edges { node { id } } } }";
        graphQl.document(list)
                .variable("person", person)
                .variable("all", false)
                .execute()
                .path("carePackages.edges[*].node.id")
                .entityList(UUID.class)
                .doesNotContain(packageId);
        graphQl.document(list)
                .variable("person", person)
                .variable("all", true)
                .execute()
                .path("carePackages.edges[*].node.id")
                .entityList(UUID.class)
                .contains(packageId);
        UUID area = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select area_id from service_users where id = :id")
                        .bind("id", person)
                        .map(row -> row.get("area_id", UUID.class))
                        .one())
                .block();
        String byArea = "query($area: UUID!) { carePackages(area: $area, includeArchived: true, last: 5) {"
                + " edges { node { id serviceUser { id } } } } }";
        graphQl.document(byArea)
                .variable("area", area)
                .execute()
                .path("carePackages.edges[*].node.id")
                .entityList(UUID.class)
                .contains(packageId);
    }

    @Test
    void shouldLetAnEditKeepAnArchivedSkillWhereItIsButNotAddItElsewhere() {
        HttpGraphQlTester graphQl = coordinator();
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("insert into skills (code, name, category) values"
                                + " ('test-pkg-skill', 'Package test skill', 'OTHER')")
                        .fetch()
                        .rowsUpdated())
                .block();
        UUID person = person();
        String created = graphQl.document("mutation($person: UUID!, $commissioner: UUID!) { createCarePackage(input: {"
                        + " serviceUserId: $person, commissionerId: $commissioner, startsOn: \"2030-01-07\","
                        + " reference: \"test-pkg skill\", expandFrom: \"2030-01-07\", expandTo: \"2030-01-08\","
                        + " templates: [{daysOfWeek: [1], windowStart: \"08:00\", windowEnd: \"09:00\","
                        + " durationMinutes: 30, requiredSkills: [\"test-pkg-skill\"]}]}) {"
                        + " ... on CarePackageCreated { carePackageId } } }")
                .variable("person", person)
                .variable("commissioner", COUNCIL)
                .execute()
                .path("createCarePackage.carePackageId")
                .entity(String.class)
                .get();
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql(
                                "update skills set archived_at = now() where code = 'test-pkg-skill'")
                        .fetch()
                        .rowsUpdated())
                .block();
        String template = graphQl.document("query($id: UUID!) { carePackage(id: $id) { templates { id"
                        + " requiredSkills { code archived } } } }")
                .variable("id", created)
                .execute()
                .path("carePackage.templates[0].requiredSkills[0].archived")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("carePackage.templates[0].id")
                .entity(String.class)
                .get();
        Map<String, Object> kept = Map.of(
                "id",
                template,
                "daysOfWeek",
                List.of(1),
                "windowStart",
                "08:30",
                "windowEnd",
                "09:30",
                "durationMinutes",
                30,
                "requiredSkills",
                List.of("test-pkg-skill"));
        Map<String, Object> added = new java.util.HashMap<>(kept);
        added.remove("id");
        added.put("daysOfWeek", List.of(2));
        graphQl.document(UPDATE)
                .variable(
                        "input",
                        Map.of(
                                "id",
                                created,
                                "expectedVersion",
                                0,
                                "expandFrom",
                                "2030-01-07",
                                "templates",
                                List.of(kept, added)))
                .execute()
                .path("updateCarePackage.field")
                .entity(String.class)
                .isEqualTo("templates[1].requiredSkills");
        graphQl.document(UPDATE)
                .variable(
                        "input",
                        Map.of(
                                "id",
                                created,
                                "expectedVersion",
                                0,
                                "expandFrom",
                                "2030-01-07",
                                "templates",
                                List.of(kept)))
                .execute()
                .path("updateCarePackage.visitsChanged")
                .entity(Integer.class)
                .isEqualTo(1);
        assertThat(visits(UUID.fromString(created))).containsExactly("2030-01-07 08:30 30 PLANNED");
    }

    @Test
    void shouldRefuseCarePackagesToACarer() {
        String token =
                TestTokens.token("package.carer." + USERS.incrementAndGet(), "CARER", PROVIDER, UUID.randomUUID());
        GraphQl.withToken(port, token)
                .document("{ carePackages { edges { node { id } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .anySatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }
}
