package org.carerota.api.rota;

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
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Reference data mutations (carers, service users, visits, care packages): success and problem paths. */
class ReferenceDataApiIntegrationTests extends ApiTest {

    static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    private static final AtomicInteger USERS = new AtomicInteger();

    /** The fixture is shared by every test class: take away the carers made here (names end "(test)"). */
    @org.junit.jupiter.api.AfterEach
    void removeTestCarers() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("delete from carers where name like '%(test)'")
                        .fetch()
                        .rowsUpdated())
                .block();
    }

    HttpGraphQlTester coordinator() {
        return as("reference.coordinator.", "COORDINATOR", PROVIDER, Duration.ofSeconds(30));
    }

    UUID pool() {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select id from staff_pools where organisation_id" + " = :org order by name limit 1")
                        .bind("org", PROVIDER)
                        .map(row -> row.get("id", UUID.class))
                        .one())
                .block();
    }

    String skill() {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select code from skills order by code limit 1")
                        .map(row -> row.get("code", String.class))
                        .one())
                .block();
    }

    static final String CREATE_CARER = "mutation($pool: UUID!, $lat: Float!, $skill: String!) { createCarer(input: {"
            + " name: \"Ada (test)\", pool: $pool, homeLat: $lat, homeLon: 1.29, travelMode: CAR, gender: F,"
            + " skills: [{code: $skill, validUntil: \"2027-12-31\"}]}) { __typename"
            + " ... on CarerSaved { carer { id version name skills { code validUntil } } }"
            + " ... on CarerInvalid { field reason } } }";

    @Test
    void shouldCreateACarerWithSkillsAndRefuseABadLatitude() {
        HttpGraphQlTester graphQl = coordinator();
        graphQl.document(CREATE_CARER)
                .variable("pool", pool())
                .variable("lat", 52.63)
                .variable("skill", skill())
                .execute()
                .path("createCarer.carer.skills[0].validUntil")
                .entity(String.class)
                .isEqualTo("2027-12-31");
        graphQl.document(CREATE_CARER)
                .variable("pool", pool())
                .variable("lat", 123.0)
                .variable("skill", skill())
                .execute()
                .path("createCarer.field")
                .entity(String.class)
                .isEqualTo("homeLat");
    }

    @Test
    void shouldLetOneOfTwoConcurrentCarerUpdatesWinAndTellTheOtherItIsStale() {
        HttpGraphQlTester graphQl = coordinator();
        String id = graphQl.document(CREATE_CARER)
                .variable("pool", pool())
                .variable("lat", 52.63)
                .variable("skill", skill())
                .execute()
                .path("createCarer.carer.id")
                .entity(String.class)
                .get();
        String update = "mutation($id: UUID!, $name: String!) { updateCarer(input: {id: $id, expectedVersion: 0,"
                + " name: $name}) { __typename ... on StaleCarer { currentVersion } } }";
        List<String> outcomes = Flux.just("Ada One (test)", "Ada Two (test)")
                .flatMap(name -> Mono.fromCallable(() -> coordinator()
                                .document(update)
                                .variable("id", id)
                                .variable("name", name)
                                .execute()
                                .path("updateCarer.__typename")
                                .entity(String.class)
                                .get())
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .block();
        assertThat(outcomes).containsExactlyInAnyOrder("CarerSaved", "StaleCarer");
        graphQl.document("mutation($id: UUID!) { archiveCarer(input: {id: $id, expectedVersion: 1}) { __typename } }")
                .variable("id", id)
                .execute()
                .path("archiveCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerSaved");
        graphQl.document("mutation { updateCarer(input: {id: \"" + UUID.randomUUID() + "\", expectedVersion: 0,"
                        + " name: \"x (test)\"}) { __typename } }")
                .execute()
                .path("updateCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerNotFound");
    }

    @Test
    void shouldAnswerNotFoundAndChangeNothingWhenACoordinatorEditsAnotherOrganisationsCarer() {
        String id = coordinator()
                .document(CREATE_CARER)
                .variable("pool", pool())
                .variable("lat", 52.63)
                .variable("skill", skill())
                .execute()
                .path("createCarer.carer.id")
                .entity(String.class)
                .get();
        UUID waveney = DemoRegionFixture.organisation("demo:provider-waveney");
        HttpGraphQlTester outsider = GraphQl.withToken(
                port, TestTokens.token("reference.outsider." + USERS.incrementAndGet(), "COORDINATOR", waveney, null));

        outsider.document("mutation($id: UUID!) { updateCarer(input: {id: $id, expectedVersion: 0,"
                        + " name: \"Taken over (test)\"}) { __typename } }")
                .variable("id", id)
                .execute()
                .path("updateCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerNotFound");
        outsider.document("mutation($id: UUID!) { archiveCarer(input: {id: $id, expectedVersion: 0}) { __typename } }")
                .variable("id", id)
                .execute()
                .path("archiveCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerNotFound");
        outsider.document("query($id: UUID!) { carer(id: $id) { name } }")
                .variable("id", id)
                .execute()
                .path("carer")
                .valueIsNull();

        String name = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select name || '/' || version || '/' ||"
                                + " (archived_at is null) from carers where id = cast(:id as uuid)")
                        .bind("id", id)
                        .map(row -> row.get(0, String.class))
                        .one())
                .block();
        assertThat(name).endsWith("/0/true").doesNotContain("Taken over");
    }

    @Test
    void shouldCreateAServiceUserWithEncryptedAccessNotesAndRefuseAPreferredAndBannedCarer() {
        HttpGraphQlTester graphQl = coordinator();
        UUID area = DemoRegionFixture.area("Norwich");
        Map<?, ?> saved = graphQl.document("mutation($area: UUID!) { createServiceUser(input: {name: \"Bea Test\","
                        + " area: $area, lat: 52.62, lon: 1.30, postcode: \"NR1 1AA\", genderPreference: F,"
                        + " accessNotes: \"Key safe 1234\"}) { __typename ... on ServiceUserSaved { serviceUser { id"
                        + " version accessNotes } } } }")
                .variable("area", area)
                .execute()
                .path("createServiceUser.serviceUser")
                .entity(Map.class)
                .get();
        assertThat(saved.get("accessNotes")).isEqualTo("Key safe 1234");
        byte[] stored = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select access_notes_ciphertext from" + " service_users where id = :id")
                        .bind("id", UUID.fromString(saved.get("id").toString()))
                        .map(row -> row.get("access_notes_ciphertext", byte[].class))
                        .one())
                .block();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("1234");
        UUID carer = UUID.randomUUID();
        graphQl.document("mutation($id: UUID!, $c: UUID!) { updateServiceUser(input: {id: $id, expectedVersion: 0,"
                        + " preferredCarers: [$c], bannedCarers: [$c]}) { __typename"
                        + " ... on ServiceUserInvalid { field } } }")
                .variable("id", saved.get("id"))
                .variable("c", carer)
                .execute()
                .path("updateServiceUser.field")
                .entity(String.class)
                .isEqualTo("bannedCarers");
        graphQl.document("mutation($id: UUID!) { updateServiceUser(input: {id: $id, expectedVersion: 5,"
                        + " name: \"B\"}) { __typename } }")
                .variable("id", saved.get("id"))
                .execute()
                .path("updateServiceUser.__typename")
                .entity(String.class)
                .isEqualTo("StaleServiceUser");
    }

    @Test
    void shouldExpandACarePackagesTemplatesIntoDatedVisits() {
        HttpGraphQlTester graphQl = coordinator();
        UUID area = DemoRegionFixture.area("Norwich");
        String person = graphQl.document("mutation($area: UUID!) { createServiceUser(input: {name: \"Cy Test\","
                        + " area: $area, lat: 52.62, lon: 1.30}) { ... on ServiceUserSaved { serviceUser { id } } } }")
                .variable("area", area)
                .execute()
                .path("createServiceUser.serviceUser.id")
                .entity(String.class)
                .get();
        UUID council = DemoRegionFixture.organisation("demo:council-norfolk");
        String create = "mutation($p: UUID!, $c: UUID!, $days: [Int!]!) { createCarePackage(input: {serviceUserId: $p,"
                + " commissionerId: $c, startsOn: \"2026-11-30\", expandFrom: \"2026-11-30\", expandTo: \"2026-12-06\","
                + " templates: [{daysOfWeek: $days, windowStart: \"08:00\", windowEnd: \"09:00\", durationMinutes: 30},"
                + " {daysOfWeek: [1], windowStart: \"17:00\", windowEnd: \"18:00\", durationMinutes: 20, carersRequired: 2}]})"
                + " { __typename ... on CarePackageCreated { visitsCreated } ... on VisitInvalid { field } } }";
        graphQl.document(create)
                .variable("p", person)
                .variable("c", council)
                .variable("days", List.of(1, 3, 5))
                .execute()
                .path("createCarePackage.visitsCreated")
                .entity(Integer.class)
                .isEqualTo(4);
        graphQl.document(create)
                .variable("p", person)
                .variable("c", council)
                .variable("days", List.of(9))
                .execute()
                .path("createCarePackage.field")
                .entity(String.class)
                .isEqualTo("templates[0].daysOfWeek");
        graphQl.document(
                        "mutation($p: UUID!, $c: UUID!) { createVisit(input: {serviceUserId: $p, commissionerId: $c,"
                                + " windowStart: \"2026-12-01T12:00:00Z\", windowEnd: \"2026-12-01T13:00:00Z\","
                                + " durationMinutes: 45}) { __typename ... on VisitCreated { visit { id date durationMinutes } } } }")
                .variable("p", person)
                .variable("c", council)
                .execute()
                .path("createVisit.visit.durationMinutes")
                .entity(Integer.class)
                .isEqualTo(45);
    }

    // ---- CSV ----------------------------------------------------------------------------------

    org.springframework.test.web.reactive.server.WebTestClient http() {
        String token = TestTokens.token("csv.coordinator." + USERS.incrementAndGet(), "COORDINATOR", PROVIDER, null);
        return org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
    }

    long carersWithRef(String prefix) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select count(*) as n from carers where" + " external_ref like :p")
                        .bind("p", prefix + "%")
                        .map(row -> row.get("n", Long.class))
                        .one())
                .block();
    }

    @Test
    void shouldImportNothingAndReportTheRowWhenOneCsvRowIsBad() {
        String prefix = "CSV-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "external_ref,name,pool,home_lat,home_lon,travel_mode,skills\n"
                + prefix + "-1,Ann Good (test)," + pool() + ",52.6,1.3,CAR," + skill() + "@2027-01-31\n"
                + prefix + "-2,Bob Bad (test)," + pool() + ",152.6,1.3,ROCKET,\n";
        http().post()
                .uri("/csv/carers")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(0)
                .jsonPath("$.errors[0].row")
                .isEqualTo(2)
                .jsonPath("$.errors[0].column")
                .isEqualTo("home_lat")
                .jsonPath("$.errors[1].column")
                .isEqualTo("travel_mode");
        assertThat(carersWithRef(prefix)).isZero();

        String good = "external_ref,name,pool,home_lat,home_lon\n" + prefix + "-3,Cat Good (test)," + pool()
                + ",52.6,1.3\n" + prefix + "-4,Dan Good (test)," + pool() + ",52.7,1.2\n";
        http().post()
                .uri("/csv/carers")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
                .bodyValue(good)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(2);
        assertThat(carersWithRef(prefix)).isEqualTo(2);

        http().get()
                .uri("/csv/templates/carers.csv")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).startsWith("external_ref,name,pool"));
    }

    // ---- organisation data ----------------------------------------------------------------------

    @Test
    void shouldCreateAndUpdatePoolsAreasAgreementsAndSkillsWithTheirProblemPaths() {
        HttpGraphQlTester graphQl = coordinator();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<?, ?> pool = graphQl.document(
                        "mutation($n: String!) { createPool(input: {name: $n, sector: HEALTH,"
                                + " costPerHour: 3.5}) { __typename ... on PoolSaved { version pool { id name costPerHour } } } }")
                .variable("n", "Pool " + suffix)
                .execute()
                .path("createPool")
                .entity(Map.class)
                .get();
        assertThat(pool.get("__typename")).isEqualTo("PoolSaved");
        Object poolId = ((Map<?, ?>) pool.get("pool")).get("id");
        String update = "mutation($id: UUID!, $v: Int!) { updatePool(input: {id: $id, expectedVersion: $v,"
                + " costPerHour: 4.0}) { __typename ... on PoolSaved { version } ... on StalePool { currentVersion } } }";
        graphQl.document(update)
                .variable("id", poolId)
                .variable("v", 0)
                .execute()
                .path("updatePool.__typename")
                .entity(String.class)
                .isEqualTo("PoolSaved");
        graphQl.document(update)
                .variable("id", poolId)
                .variable("v", 0)
                .execute()
                .path("updatePool.__typename")
                .entity(String.class)
                .isEqualTo("StalePool");
        graphQl.document("mutation($p: UUID!, $c: UUID!) { createSharingAgreement(input: {pool: $p, commissioner: $c,"
                        + " validFrom: \"2026-11-01\"}) { __typename } }")
                .variable("p", poolId)
                .variable("c", DemoRegionFixture.organisation("demo:council-norfolk"))
                .execute()
                .path("createSharingAgreement.__typename")
                .entity(String.class)
                .isEqualTo("SharingAgreementSaved");
        graphQl.document("mutation($n: String!) { createArea(input: {name: $n, kind: NEIGHBOURHOOD}) { __typename"
                        + " ... on OrganisationInputInvalid { field } } }")
                .variable("n", "Area " + suffix)
                .execute()
                .path("createArea.field")
                .entity(String.class)
                .isEqualTo("parent");
        graphQl.document("mutation($n: String!) { createArea(input: {name: $n, kind: PLACE}) { __typename"
                        + " ... on AreaSaved { area { id kind } } } }")
                .variable("n", "Area " + suffix)
                .execute()
                .path("createArea.area.kind")
                .entity(String.class)
                .isEqualTo("PLACE");
        graphQl.document("mutation($c: String!) { createSkill(input: {code: $c, name: \"Test skill\","
                        + " category: \"WIZARDRY\"}) { __typename ... on OrganisationInputInvalid { field } } }")
                .variable("c", "test-" + suffix)
                .execute()
                .path("createSkill.field")
                .entity(String.class)
                .isEqualTo("category");
        graphQl.document("mutation($c: String!) { createSkill(input: {code: $c, name: \"Test skill\","
                        + " category: \"OTHER\"}) { __typename ... on SkillSaved { skill { code } } } }")
                .variable("c", "test-" + suffix)
                .execute()
                .path("createSkill.skill.code")
                .entity(String.class)
                .isEqualTo("test-" + suffix);
    }

    @Test
    void shouldChangeTheOrganisationsSettingsOnlyFromTheCurrentVersion() {
        HttpGraphQlTester admin = GraphQl.withToken(
                port, TestTokens.token("reference.admin." + USERS.incrementAndGet(), "ADMIN", PROVIDER, null));
        String settings = "mutation($v: Int!) { updateOrganisationSettings(input: {expectedVersion: $v,"
                + " autoPublishSameDay: false}) { __typename ... on OrganisationSettingsSaved { version }"
                + " ... on StaleOrganisation { currentVersion } } }";
        Integer current = admin.document(settings)
                .variable("v", 999_999)
                .execute()
                .path("updateOrganisationSettings.currentVersion")
                .entity(Integer.class)
                .get();
        admin.document(settings)
                .variable("v", current)
                .execute()
                .path("updateOrganisationSettings.version")
                .entity(Integer.class)
                .isEqualTo(current + 1);
    }
}
