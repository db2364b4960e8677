package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carerota.api.security.TenantFixture.CARER_A1;
import static org.carerota.api.security.TenantFixture.CARER_A2;
import static org.carerota.api.security.TenantFixture.CARER_B1;
import static org.carerota.api.security.TenantFixture.ORG_A;
import static org.carerota.api.security.TenantFixture.ORG_B;
import static org.carerota.api.security.TenantFixture.ORG_C;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_A1;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_A2;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_B1;
import static org.carerota.api.security.TenantFixture.VISIT_A1;
import static org.carerota.api.security.TenantFixture.VISIT_A2;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security as the database enforces it, by raw SQL as the application role
 * ({@code carerota_app}) with the tenant settings a transaction would carry.
 */
class RowLevelSecurityIntegrationTests {

    private static final java.util.UUID STRANGER = TenantFixture.id("5ca1ab1e");

    private static TenantFixture fixture;

    @BeforeAll
    static void createFixture() {
        fixture = new TenantFixture("rls");
    }

    @Test
    void shouldNeitherBeSuperuserNorBypassRlsWhenApplicationRoleInspected() throws SQLException {
        assertThat(fixture.asOwner("select rolsuper::text || ',' || rolbypassrls::text || ',' || rolcanlogin::text"
                        + " from pg_roles where rolname = 'carerota_app'"))
                .containsExactly("false,false,true");
    }

    @Test
    void shouldOwnNoTableWhenApplicationRoleInspected() throws SQLException {
        assertThat(fixture.asOwner("select c.relname from pg_class c join pg_roles r on r.oid = c.relowner"
                        + " where r.rolname = 'carerota_app'"))
                .isEmpty();
    }

    /** Guards future migrations: a tenant table cannot be added without FORCE row-level security. */
    @Test
    void shouldForceRowLevelSecurityWhenTableHasOrganisationId() throws SQLException {
        List<String> tenantTables = fixture.asOwner("select c.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped"
                + " where n.nspname = 'public' and c.relkind in ('r', 'p')");
        assertThat(tenantTables).contains("visits", "service_users", "carers", "assignments", "audit_events");
        assertThat(fixture.asOwner("select c.relname from pg_class c"
                        + " join pg_namespace n on n.oid = c.relnamespace"
                        + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'organisation_id'"
                        + " and not a.attisdropped"
                        + " where n.nspname = 'public' and c.relkind in ('r', 'p')"
                        + " and not (c.relrowsecurity and c.relforcerowsecurity)"))
                .as("tenant tables without ENABLE + FORCE row level security")
                .isEmpty();
    }

    @Test
    void shouldEnableRowLevelSecurityWhenTableIsReadableByApplication() throws SQLException {
        assertThat(fixture.asOwner("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind in ('r', 'p')"
                        + " and has_table_privilege('carerota_app', c.oid, 'select')"
                        + " and not (c.relrowsecurity and c.relforcerowsecurity)"))
                .as("tables the application can read without row-level security")
                .isEmpty();
    }

    @Test
    void shouldRunAsCallerWhenViewReadableByApplication() throws SQLException {
        assertThat(fixture.asOwner("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind in ('v', 'm')"
                        + " and has_table_privilege('carerota_app', c.oid, 'select')"
                        + " and not coalesce('security_invoker=true' = any (c.reloptions), false)"))
                .as("views that would read as their owner, past row-level security")
                .isEmpty();
    }

    @Test
    void shouldRefuseFlywayHistoryWhenApplicationRole() {
        assertThatThrownBy(() -> fixture.asApp("SYSTEM", null, null, "select version from flyway_schema_history"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void shouldSeeNothingWhenNoTenantSettings() throws SQLException {
        try (var connection = fixture.application();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select (select count(*) from service_users) + (select count(*)"
                        + " from visits) + (select count(*) from carers) + (select count(*) from organisations)")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    /** Every tenant table, every role, an organisation that owns nothing: not one row. */
    @Test
    void shouldSeeNoRowOfAnyTenantTableWhenSettingsNameAnotherOrganisation() throws SQLException {
        fixture.asOwner(
                "insert into organisations (id, name, kind) values (?, 'Stranger', 'PROVIDER')"
                        + " on conflict do nothing returning id::text",
                STRANGER);
        List<String> tables = fixture.asOwner("select c.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped"
                + " where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'areas'");
        assertThat(tables).hasSizeGreaterThan(20);
        for (String role : List.of("ADMIN", "COORDINATOR", "CARER", "COMMISSIONER")) {
            java.util.UUID carer = role.equals("CARER") ? java.util.UUID.randomUUID() : null;
            for (String table : tables) {
                assertThat(fixture.asApp(role, STRANGER, carer, "select count(*)::text from " + table))
                        .as(role + " of another organisation reading " + table)
                        .containsExactly("0");
            }
            assertThat(fixture.asApp(role, STRANGER, carer, "select name from organisations"))
                    .containsExactly("Stranger");
        }
    }

    @Test
    void shouldSeeNothingOfOrganisationAWhenSettingsNameOrganisationB() throws SQLException {
        assertThat(fixture.asApp(
                        "COORDINATOR", ORG_B, null, "select id::text from service_users where id = ?", SERVICE_USER_A1))
                .isEmpty();
        assertThat(fixture.asApp("COORDINATOR", ORG_B, null, "select id::text from visits where id = ?", VISIT_A1))
                .isEmpty();
        assertThat(fixture.asApp("ADMIN", ORG_B, null, "select id::text from carers where id = ?", CARER_A1))
                .isEmpty();
        assertThat(fixture.asApp("COORDINATOR", ORG_B, null, "select name from organisations where id = ?", ORG_A))
                .isEmpty();
        assertThat(fixture.asApp("COORDINATOR", ORG_B, null, "select id::text from assignments"))
                .isEmpty();
        assertThat(fixture.asApp("COORDINATOR", ORG_B, null, "select name from service_users"))
                .containsExactly("Flo B1");
    }

    @Test
    void shouldChangeNothingWhenCoordinatorEditsAnotherOrganisationsRows() throws SQLException {
        assertThat(fixture.updateAsApp(
                        "COORDINATOR",
                        ORG_B,
                        null,
                        "update service_users set name = 'taken' where id = ?",
                        SERVICE_USER_A1))
                .isZero();
        assertThat(fixture.updateAsApp("COORDINATOR", ORG_B, null, "delete from visits where id = ?", VISIT_A1))
                .isZero();
        assertThat(fixture.updateAsApp(
                        "COORDINATOR", ORG_B, null, "update organisations set name = 'x' where id = ?", ORG_A))
                .isZero();
        assertThat(fixture.asOwner("select name from service_users where id = ?", SERVICE_USER_A1))
                .containsExactly("Dora A1");
    }

    @Test
    void shouldRefuseRowWhenCoordinatorInsertsIntoAnotherOrganisation() {
        assertThatThrownBy(() -> fixture.updateAsApp(
                        "COORDINATOR",
                        ORG_B,
                        null,
                        "insert into service_users (organisation_id, area_id, name, lat, lon) values (?, ?, 'x', 52, 1)",
                        ORG_A,
                        TenantFixture.AREA))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> fixture.updateAsApp(
                        "COORDINATOR",
                        ORG_B,
                        null,
                        "update service_users set organisation_id = ? where id = ?",
                        ORG_A,
                        SERVICE_USER_B1))
                .hasMessageContaining("row-level security");
    }

    @Test
    void shouldSeeOnlyOwnScheduleWhenCarer() throws SQLException {
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from carers"))
                .containsExactly(CARER_A1.toString());
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from visits"))
                .containsExactlyInAnyOrder(VISIT_A1.toString(), TenantFixture.VISIT_A3_TOMORROW.toString());
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from service_users"))
                .containsExactlyInAnyOrder(SERVICE_USER_A1.toString(), TenantFixture.SERVICE_USER_A3.toString());
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select carer_id::text from shifts"))
                .containsOnly(CARER_A1.toString());
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select distinct carer_id::text from assignments"))
                .containsOnly(CARER_A1.toString());
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from plans"))
                .isEmpty();
    }

    @Test
    void shouldSeeNothingOfAnotherCarerWhenCarerAsksById() throws SQLException {
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from visits where id = ?", VISIT_A2))
                .isEmpty();
        assertThat(fixture.asApp(
                        "CARER", ORG_A, CARER_A1, "select id::text from service_users where id = ?", SERVICE_USER_A2))
                .isEmpty();
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from carers where id = ?", CARER_A2))
                .isEmpty();
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select id::text from shifts where carer_id = ?", CARER_A2))
                .isEmpty();
        assertThat(fixture.updateAsApp("CARER", ORG_A, CARER_A1, "update visits set note = 'x' where id = ?", VISIT_A1))
                .isZero();
    }

    @Test
    void shouldHideDraftAssignmentsWhenCarer() throws SQLException {
        // the draft gives visit A2 to carer A1; only the published rota reaches carers
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, "select visit_id::text from assignments"))
                .containsExactlyInAnyOrder(VISIT_A1.toString(), TenantFixture.VISIT_A3_TOMORROW.toString());
    }

    @Test
    void shouldSeeNoPersonLevelRowsWhenCommissioner() throws SQLException {
        for (String table : List.of(
                "service_users",
                "visits",
                "carers",
                "assignments",
                "shifts",
                "care_packages",
                "visit_events",
                "plans",
                "audit_events")) {
            assertThat(fixture.asApp("COMMISSIONER", ORG_C, null, "select id::text from " + table))
                    .as(table)
                    .isEmpty();
        }
        assertThat(fixture.asApp("COMMISSIONER", ORG_C, null, "select name from organisations"))
                .contains("Council C")
                .doesNotContain("Provider A");
    }

    @Test
    void shouldReadSharedPoolWhenAgreementSharesItWithTheOrganisation() throws SQLException {
        assertThat(fixture.asApp("COORDINATOR", ORG_C, null, "select id::text from carers"))
                .containsExactly(CARER_B1.toString());
        assertThat(fixture.asApp("COORDINATOR", ORG_C, null, "select name from staff_pools"))
                .containsExactly("Pool B");
        assertThat(fixture.updateAsApp(
                        "COORDINATOR", ORG_C, null, "update carers set name = 'x' where id = ?", CARER_B1))
                .isZero();
        // nothing of provider A, whose pool is not shared
        assertThat(fixture.asApp(
                        "COORDINATOR",
                        ORG_C,
                        null,
                        "select id::text from carers where pool_id = ?",
                        TenantFixture.POOL_A))
                .isEmpty();
    }

    @Test
    void shouldSeeEverythingWhenPlatform() throws SQLException {
        assertThat(fixture.asApp("SYSTEM", null, null, "select count(*)::text from service_users"))
                .containsExactly("4");
    }

    @Test
    void shouldOnlyAppendWhenAuditEvents() throws SQLException {
        assertThat(fixture.updateAsApp(
                        "CARER",
                        ORG_A,
                        CARER_A1,
                        "insert into audit_events (organisation_id, actor_username, actor_role, operation, record_ids)"
                                + " values (?, 'carer.test', 'CARER', 'READ', array[?]::uuid[])",
                        ORG_A,
                        SERVICE_USER_A1.toString()))
                .isEqualTo(1);
        assertThatThrownBy(() -> fixture.updateAsApp(
                        "CARER",
                        ORG_A,
                        CARER_A1,
                        "insert into audit_events (organisation_id, actor_username, actor_role, operation)"
                                + " values (?, 'someone.else', 'ADMIN', 'READ')",
                        ORG_A))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> fixture.updateAsApp("ADMIN", ORG_A, null, "update audit_events set operation = 'X'"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> fixture.updateAsApp("SYSTEM", null, null, "delete from audit_events"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> fixture.updateAsApp("SYSTEM", null, null, "delete from visit_events"))
                .hasMessageContaining("permission denied");
    }

    @Test
    void shouldAuditWriteWhenServiceUserChanged() throws SQLException {
        try (var connection = fixture.application()) {
            connection.setAutoCommit(false);
            TenantFixture.setTenant(connection, "COORDINATOR", ORG_A, null);
            try (var statement =
                    connection.prepareStatement("update service_users set postcode = 'NR1 1AA' where id = ?")) {
                statement.setObject(1, SERVICE_USER_A2);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
        assertThat(fixture.asOwner(
                        "select actor_username || ' ' || actor_role || ' ' || operation"
                                + " from audit_events where table_name = 'service_users' and ? = any (record_ids)",
                        SERVICE_USER_A2))
                .contains("coordinator.test COORDINATOR UPDATE");
    }

    @Test
    void shouldAllowAccessNotesOnlyToAssignedCarerAndOwningStaffWhenAsked() throws SQLException {
        String sql = "select rls_may_read_access_notes(id, organisation_id)::text from service_users where id = ?";
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, sql, SERVICE_USER_A1))
                .containsExactly("true");
        // carer A1 visits service user A3 tomorrow, not today: the row is visible, the notes are not
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A1, sql, TenantFixture.SERVICE_USER_A3))
                .containsExactly("false");
        assertThat(fixture.asApp("COORDINATOR", ORG_A, null, sql, SERVICE_USER_A1))
                .containsExactly("true");
        // carer A2 is not assigned to service user A1: the row is not even visible
        assertThat(fixture.asApp("CARER", ORG_A, CARER_A2, sql, SERVICE_USER_A1))
                .isEmpty();
        assertThat(fixture.asApp(
                        "SYSTEM",
                        null,
                        null,
                        "select rls_may_read_access_notes(id, ?)::text from service_users where id = ?",
                        ORG_B,
                        SERVICE_USER_A1))
                .containsExactly("true");
    }
}
