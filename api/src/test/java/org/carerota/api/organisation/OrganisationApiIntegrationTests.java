package org.carerota.api.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Organisation settings (minimum hourly wage) and archiving areas, pools and skills. Writes go to the
 * council's organisation (the provider's rows are what the rota tests plan with) and to skills whose
 * codes sort last, so that other test classes sharing the fixture see no difference.
 */
class OrganisationApiIntegrationTests extends ApiTest {

    static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    static final UUID COUNCIL = DemoRegionFixture.organisation("demo:council-norfolk");
    private static final AtomicInteger USERS = new AtomicInteger();

    @AfterEach
    void removeTestCarers() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("delete from carers where name like '%(archive test)'")
                        .fetch()
                        .rowsUpdated())
                .block();
    }

    HttpGraphQlTester as(String role, UUID organisation) {
        return as("organisation." + role + ".", role, organisation, Duration.ofSeconds(30));
    }

    // ---- settings ---------------------------------------------------------------------------

    static final String SETTINGS = "query($id: UUID!) { organisation(id: $id) { name settings { minimumHourlyWage"
            + " autoPublishSameDay restBreakAfterMinutes restBreakMinutes version } } }";

    static final String UPDATE_WAGE = "mutation($v: Int!, $wage: Float!) { updateOrganisationSettings(input:"
            + " {expectedVersion: $v, minimumHourlyWage: $wage}) { __typename"
            + " ... on OrganisationSettingsSaved { version settings { minimumHourlyWage version } }"
            + " ... on StaleOrganisation { currentVersion } ... on OrganisationInputInvalid { field reason } } }";

    @Test
    void shouldShowTheNationalLivingWageToCoordinatorsOfTheOrganisationAndNothingToOthers() {
        as("COORDINATOR", PROVIDER)
                .document(SETTINGS)
                .variable("id", PROVIDER)
                .execute()
                .path("organisation.settings.minimumHourlyWage")
                .entity(Double.class)
                .isEqualTo(12.71)
                .path("organisation.settings.restBreakMinutes")
                .entity(Integer.class)
                .isEqualTo(20);
        // another organisation's settings are not the caller's business
        as("COORDINATOR", PROVIDER)
                .document(SETTINGS)
                .variable("id", COUNCIL)
                .execute()
                .path("organisation.name")
                .hasValue()
                .path("organisation.settings")
                .valueIsNull();
    }

    @Test
    void shouldLetAnAdminSetTheMinimumWageFromTheCurrentVersionAndRefuseBadAmounts() {
        HttpGraphQlTester admin = as("ADMIN", COUNCIL);
        Integer version = admin.document(SETTINGS)
                .variable("id", COUNCIL)
                .execute()
                .path("organisation.settings.version")
                .entity(Integer.class)
                .get();
        for (double bad : new double[] {-1, 12.715, 5000}) {
            admin.document(UPDATE_WAGE)
                    .variable("v", version)
                    .variable("wage", bad)
                    .execute()
                    .path("updateOrganisationSettings.field")
                    .entity(String.class)
                    .isEqualTo("minimumHourlyWage");
        }
        admin.document(UPDATE_WAGE)
                .variable("v", version + 5)
                .variable("wage", 13.5)
                .execute()
                .path("updateOrganisationSettings.currentVersion")
                .entity(Integer.class)
                .isEqualTo(version);
        admin.document(UPDATE_WAGE)
                .variable("v", version)
                .variable("wage", 13.5)
                .execute()
                .path("updateOrganisationSettings.settings.minimumHourlyWage")
                .entity(Double.class)
                .isEqualTo(13.5)
                .path("updateOrganisationSettings.version")
                .entity(Integer.class)
                .isEqualTo(version + 1);
        // the coordinators of the organisation read what the admin set
        as("COORDINATOR", COUNCIL)
                .document(SETTINGS)
                .variable("id", COUNCIL)
                .execute()
                .path("organisation.settings.minimumHourlyWage")
                .entity(Double.class)
                .isEqualTo(13.5);
        // and the planner is given it
        Double stored = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select minimum_hourly_wage::float8 as w from organisations where id = :id")
                        .bind("id", COUNCIL)
                        .map(row -> row.get("w", Double.class))
                        .one())
                .block();
        assertThat(stored).isEqualTo(13.5);
    }

    @Test
    void shouldNotLetACoordinatorChangeTheSettings() {
        as("COORDINATOR", COUNCIL)
                .document(UPDATE_WAGE)
                .variable("v", 0)
                .variable("wage", 1.0)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .anySatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }

    // ---- archiving areas ----------------------------------------------------------------------

    static final String CREATE_AREA = "mutation($name: String!, $parent: UUID) { createArea(input: {name: $name,"
            + " kind: PLACE, parent: $parent}) { __typename ... on AreaSaved { area { id version } }"
            + " ... on OrganisationInputInvalid { field reason } } }";

    static final String ARCHIVE_AREA = "mutation($id: UUID!, $v: Int!) { archiveArea(input: {id: $id,"
            + " expectedVersion: $v}) { __typename ... on AreaSaved { area { id version } }"
            + " ... on StaleArea { currentVersion } ... on OrganisationInputInvalid { field reason } } }";

    @Test
    void shouldArchiveAnAreaFromTheCurrentVersionHideItAndRefuseNewUses() {
        HttpGraphQlTester coordinator = as("COORDINATOR", COUNCIL);
        String id = coordinator
                .document(CREATE_AREA)
                .variable("name", "Archive test place " + USERS.incrementAndGet())
                .execute()
                .path("createArea.area.id")
                .entity(String.class)
                .get();

        coordinator
                .document(ARCHIVE_AREA)
                .variable("id", id)
                .variable("v", 3)
                .execute()
                .path("archiveArea.__typename")
                .entity(String.class)
                .isEqualTo("StaleArea");
        coordinator
                .document(ARCHIVE_AREA)
                .variable("id", id)
                .variable("v", 0)
                .execute()
                .path("archiveArea.area.version")
                .entity(Integer.class)
                .isEqualTo(1);

        List<String> areas = coordinator
                .document("{ areas { id } }")
                .execute()
                .path("areas[*].id")
                .entityList(String.class)
                .get();
        assertThat(areas).isNotEmpty().doesNotContain(id);
        coordinator
                .document(CREATE_AREA)
                .variable("name", "Archive test child " + USERS.incrementAndGet())
                .variable("parent", id)
                .execute()
                .path("createArea.field")
                .entity(String.class)
                .isEqualTo("parent");
        coordinator
                .document("mutation($area: UUID!) { generateRota(input: {area: $area, from: \"2026-11-23\","
                        + " to: \"2026-11-23\", timeLimitSeconds: 1}) { __typename } }")
                .variable("area", id)
                .execute()
                .path("generateRota.__typename")
                .entity(String.class)
                .isEqualTo("RecordNotFound");
        // another organisation cannot archive it
        as("COORDINATOR", PROVIDER)
                .document(ARCHIVE_AREA)
                .variable("id", id)
                .variable("v", 1)
                .execute()
                .path("archiveArea.field")
                .entity(String.class)
                .isEqualTo("id");
    }

    // ---- archiving pools ----------------------------------------------------------------------

    static final String ARCHIVE_POOL = "mutation($id: UUID!, $v: Int!) { archivePool(input: {id: $id,"
            + " expectedVersion: $v}) { __typename ... on PoolSaved { version pool { id version } }"
            + " ... on StalePool { currentVersion } ... on OrganisationInputInvalid { field reason } } }";

    static final String CREATE_CARER = "mutation($pool: UUID!) { createCarer(input: {name: \"Bo (archive test)\","
            + " pool: $pool, homeLat: 52.63, homeLon: 1.29}) { __typename ... on CarerSaved { carer { id version } }"
            + " ... on CarerInvalid { field reason } } }";

    String createPool(HttpGraphQlTester coordinator) {
        return coordinator
                .document("mutation($name: String!) { createPool(input: {name: $name, sector: SOCIAL_CARE}) {"
                        + " ... on PoolSaved { pool { id version } } } }")
                .variable("name", "Archive test pool " + USERS.incrementAndGet())
                .execute()
                .path("createPool.pool.id")
                .entity(String.class)
                .get();
    }

    @Test
    void shouldArchiveAPoolOnlyOnceItHasNoCarersThenHideItAndRefuseNewCarers() {
        HttpGraphQlTester coordinator = as("COORDINATOR", COUNCIL);
        String pool = createPool(coordinator);
        Map<?, ?> carer = coordinator
                .document(CREATE_CARER)
                .variable("pool", pool)
                .execute()
                .path("createCarer.carer")
                .entity(Map.class)
                .get();

        coordinator
                .document(ARCHIVE_POOL)
                .variable("id", pool)
                .variable("v", 0)
                .execute()
                .path("archivePool.field")
                .entity(String.class)
                .isEqualTo("id")
                .path("archivePool.reason")
                .entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("1 carer"));

        coordinator
                .document("mutation($id: UUID!, $v: Int!) { archiveCarer(input: {id: $id, expectedVersion: $v}) {"
                        + " __typename } }")
                .variable("id", carer.get("id"))
                .variable("v", carer.get("version"))
                .execute()
                .path("archiveCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerSaved");
        coordinator
                .document(ARCHIVE_POOL)
                .variable("id", pool)
                .variable("v", 0)
                .execute()
                .path("archivePool.__typename")
                .entity(String.class)
                .isEqualTo("PoolSaved")
                .path("archivePool.pool.version")
                .entity(Integer.class)
                .isEqualTo(1);

        assertThat(coordinator
                        .document("{ pools { id } }")
                        .execute()
                        .path("pools[*].id")
                        .entityList(String.class)
                        .get())
                .doesNotContain(pool);
        coordinator
                .document(CREATE_CARER)
                .variable("pool", pool)
                .execute()
                .path("createCarer.field")
                .entity(String.class)
                .isEqualTo("pool");
        coordinator
                .document("mutation($pool: UUID!) { createSharingAgreement(input: {pool: $pool, commissioner: \""
                        + PROVIDER + "\", validFrom: \"2026-11-23\"}) { __typename"
                        + " ... on OrganisationInputInvalid { field } } }")
                .variable("pool", pool)
                .execute()
                .path("createSharingAgreement.field")
                .entity(String.class)
                .isEqualTo("pool");
    }

    @Test
    void shouldLetOneOfTwoConcurrentPoolArchivesWinAndTellTheOtherItIsStale() {
        String pool = createPool(as("COORDINATOR", COUNCIL));
        List<String> outcomes = Flux.range(0, 2)
                .flatMap(i -> Mono.fromCallable(() -> as("COORDINATOR", COUNCIL)
                                .document(ARCHIVE_POOL)
                                .variable("id", pool)
                                .variable("v", 0)
                                .execute()
                                .path("archivePool.__typename")
                                .entity(String.class)
                                .get())
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .block();
        assertThat(outcomes).containsExactlyInAnyOrder("PoolSaved", "StalePool");
    }

    // ---- archiving skills ---------------------------------------------------------------------

    static final String ARCHIVE_SKILL = "mutation($code: String!, $v: Int!) { archiveSkill(input: {code: $code,"
            + " expectedVersion: $v}) { __typename ... on SkillSaved { skill { code version } }"
            + " ... on StaleSkill { currentVersion } ... on OrganisationInputInvalid { field reason } } }";

    @Test
    void shouldLetAnAdminArchiveASkillKeepItOnItsHoldersAndRefuseItForNewCarers() {
        String code = "zz-archive-test-" + USERS.incrementAndGet();
        HttpGraphQlTester admin = as("ADMIN", COUNCIL);
        admin.document("mutation($code: String!) { createSkill(input: {code: $code, name: \"Archive test\","
                        + " category: \"OTHER\"}) { ... on SkillSaved { skill { code version } } } }")
                .variable("code", code)
                .execute()
                .path("createSkill.skill.version")
                .entity(Integer.class)
                .isEqualTo(0);
        assertThat(admin.document("{ skills { code } }")
                        .execute()
                        .path("skills[*].code")
                        .entityList(String.class)
                        .get())
                .contains(code);
        String pool = createPool(admin);
        String holder = "mutation($pool: UUID!, $code: String!) { createCarer(input: {name: \"Cy (archive test)\","
                + " pool: $pool, homeLat: 52.63, homeLon: 1.29, skills: [{code: $code}]}) { __typename"
                + " ... on CarerSaved { carer { id skills { code } } } ... on CarerInvalid { field reason } } }";
        String carer = admin.document(holder)
                .variable("pool", pool)
                .variable("code", code)
                .execute()
                .path("createCarer.carer.id")
                .entity(String.class)
                .get();

        as("COORDINATOR", COUNCIL)
                .document(ARCHIVE_SKILL)
                .variable("code", code)
                .variable("v", 0)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .anySatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
        admin.document(ARCHIVE_SKILL)
                .variable("code", code)
                .variable("v", 4)
                .execute()
                .path("archiveSkill.currentVersion")
                .entity(Integer.class)
                .isEqualTo(0);
        admin.document(ARCHIVE_SKILL)
                .variable("code", code)
                .variable("v", 0)
                .execute()
                .path("archiveSkill.skill.version")
                .entity(Integer.class)
                .isEqualTo(1);
        admin.document(ARCHIVE_SKILL)
                .variable("code", "no-such-skill-" + code)
                .variable("v", 0)
                .execute()
                .path("archiveSkill.field")
                .entity(String.class)
                .isEqualTo("code");

        assertThat(admin.document("{ skills { code } }")
                        .execute()
                        .path("skills[*].code")
                        .entityList(String.class)
                        .get())
                .doesNotContain(code);
        admin.document(holder)
                .variable("pool", pool)
                .variable("code", code)
                .execute()
                .path("createCarer.__typename")
                .entity(String.class)
                .isEqualTo("CarerInvalid");
        // history stays: the carer who held it still does
        admin.document("query($id: UUID!) { carer(id: $id) { skills { code } } }")
                .variable("id", carer)
                .execute()
                .path("carer.skills[*].code")
                .entityList(String.class)
                .contains(code);
    }
}
