package org.carerota.api.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.carerota.api.support.SqlFixture;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two providers and a council in a database of their own ({@link SqlFixture}), inserted as the owner (no row-level
 * security): provider A with carers A1 and A2, service users A1 and A2 and a published rota for
 * today (carer A1 visits service user A1, carer A2 visits A2; a draft also gives A2's visit to A1);
 * carer A1 also visits service user A3 tomorrow; provider B with carer B1 and service user B1, whose pool is shared with council C by agreement.
 */
final class TenantFixture {

    static final UUID ORG_A = id("0a");
    static final UUID ORG_B = id("0b");
    static final UUID ORG_C = id("0c");
    static final UUID AREA = id("a1");
    static final UUID POOL_A = id("f1");
    static final UUID POOL_B = id("f2");
    static final UUID CARER_A1 = id("ca1");
    static final UUID CARER_A2 = id("ca2");
    static final UUID CARER_B1 = id("cb1");
    static final UUID SERVICE_USER_A1 = id("5a1");
    static final UUID SERVICE_USER_A2 = id("5a2");
    static final UUID SERVICE_USER_B1 = id("5b1");
    static final UUID SERVICE_USER_A3 = id("5a3");
    static final UUID VISIT_A1 = id("7a1");
    static final UUID VISIT_A2 = id("7a2");
    static final UUID VISIT_B1 = id("7b1");
    static final UUID VISIT_A3_TOMORROW = id("7a3");
    static final UUID PLAN_A = id("9a1");
    static final UUID DRAFT_A = id("9a2");

    private final SqlFixture sql;
    final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

    TenantFixture(String prefix) {
        this(prefix, true);
    }

    /** A migrated database ({@link SqlFixture}), with the fixture's rows or without any. */
    TenantFixture(String prefix, boolean withRows) {
        this.sql = new SqlFixture(prefix);
        if (withRows) {
            insert();
        }
    }

    static UUID id(String suffix) {
        return SqlFixture.id(suffix);
    }

    /** Spring properties for an application on this database (the app connects as carerota_app). */
    void register(DynamicPropertyRegistry registry) {
        sql.register(registry);
    }

    Connection owner() throws SQLException {
        return sql.owner();
    }

    Connection application() throws SQLException {
        return sql.application();
    }

    /** Runs {@code sql} as the application role in one transaction with these tenant settings. */
    List<String> asApp(String role, @Nullable UUID organisation, @Nullable UUID carer, String query, Object... args)
            throws SQLException {
        return sql.asApp(role, organisation, carer, query, args);
    }

    /** Runs an update as the application role; returns the rows changed. */
    int updateAsApp(String role, @Nullable UUID organisation, @Nullable UUID carer, String update, Object... args)
            throws SQLException {
        return sql.updateAsApp(role, organisation, carer, update, args);
    }

    List<String> asOwner(String query, Object... args) throws SQLException {
        return sql.asOwner(query, args);
    }

    static void setTenant(Connection connection, String role, @Nullable UUID organisation, @Nullable UUID carer)
            throws SQLException {
        SqlFixture.setTenant(connection, role, organisation, carer);
    }

    private void insert() {
        String d = "'" + today + "'";
        String d2 = "'" + today.plusDays(1) + "'";
        String at = "(" + d + "::date + time '%s') at time zone 'Europe/London'";
        String at2 = "(" + d2 + "::date + time '%s') at time zone 'Europe/London'";
        String script = String.join(
                ";\n",
                "insert into organisations (id, name, kind, external_ref) values"
                        + " ('" + ORG_A + "', 'Provider A', 'PROVIDER', 'fx:a'),"
                        + " ('" + ORG_B + "', 'Provider B', 'PROVIDER', 'fx:b'),"
                        + " ('" + ORG_C + "', 'Council C', 'COUNCIL', 'fx:c')",
                "insert into areas (id, organisation_id, kind, name) values ('" + AREA + "', '" + ORG_C
                        + "', 'PLACE', 'Norwich')",
                "insert into staff_pools (id, organisation_id, name, sector) values"
                        + " ('" + POOL_A + "', '" + ORG_A + "', 'Pool A', 'SOCIAL_CARE'),"
                        + " ('" + POOL_B + "', '" + ORG_B + "', 'Pool B', 'SOCIAL_CARE')",
                "insert into sharing_agreements (organisation_id, pool_id, commissioner_id, valid_from) values ('"
                        + ORG_B + "', '" + POOL_B + "', '" + ORG_C + "', '2020-01-01')",
                "insert into carers (id, organisation_id, pool_id, name, home_lat, home_lon) values"
                        + " ('" + CARER_A1 + "', '" + ORG_A + "', '" + POOL_A + "', 'Amal A1', 52.6, 1.3),"
                        + " ('" + CARER_A2 + "', '" + ORG_A + "', '" + POOL_A + "', 'Ben A2', 52.6, 1.3),"
                        + " ('" + CARER_B1 + "', '" + ORG_B + "', '" + POOL_B + "', 'Chloe B1', 52.5, 1.7)",
                "insert into shifts (organisation_id, carer_id, starts_at, ends_at) values"
                        + " ('" + ORG_A + "', '" + CARER_A1 + "', " + at.formatted("07:00") + ", "
                        + at.formatted("15:00") + "),"
                        + " ('" + ORG_A + "', '" + CARER_A2 + "', " + at.formatted("07:00") + ", "
                        + at.formatted("15:00") + ")",
                "insert into service_users (id, organisation_id, area_id, name, lat, lon) values"
                        + " ('" + SERVICE_USER_A1 + "', '" + ORG_A + "', '" + AREA + "', 'Dora A1', 52.6, 1.3),"
                        + " ('" + SERVICE_USER_A2 + "', '" + ORG_A + "', '" + AREA + "', 'Ed A2', 52.6, 1.3),"
                        + " ('" + SERVICE_USER_B1 + "', '" + ORG_B + "', '" + AREA + "', 'Flo B1', 52.5, 1.7),"
                        + " ('" + SERVICE_USER_A3 + "', '" + ORG_A + "', '" + AREA + "', 'Gus A3', 52.6, 1.3)",
                "insert into visits (id, organisation_id, service_user_id, commissioner_id, area_id, window_start,"
                        + " window_end, duration_minutes) values"
                        + " ('" + VISIT_A1 + "', '" + ORG_A + "', '" + SERVICE_USER_A1 + "', '" + ORG_C + "', '"
                        + AREA + "', " + at.formatted("09:00") + ", " + at.formatted("10:00") + ", 30),"
                        + " ('" + VISIT_A2 + "', '" + ORG_A + "', '" + SERVICE_USER_A2 + "', '" + ORG_C + "', '"
                        + AREA + "', " + at.formatted("11:00") + ", " + at.formatted("12:00") + ", 30),"
                        + " ('" + VISIT_B1 + "', '" + ORG_B + "', '" + SERVICE_USER_B1 + "', '" + ORG_C + "', '"
                        + AREA + "', " + at.formatted("09:00") + ", " + at.formatted("10:00") + ", 30),"
                        + " ('" + VISIT_A3_TOMORROW + "', '" + ORG_A + "', '" + SERVICE_USER_A3 + "', '" + ORG_C
                        + "', '" + AREA + "', " + at2.formatted("09:00") + ", " + at2.formatted("10:00") + ", 30)",
                "insert into plans (id, organisation_id, area_id, horizon_from, horizon_to, revision, status,"
                        + " published_at) values"
                        + " ('" + PLAN_A + "', '" + ORG_A + "', '" + AREA + "', " + d + ", " + d2
                        + ", 1, 'PUBLISHED', now()),"
                        + " ('" + DRAFT_A + "', '" + ORG_A + "', '" + AREA + "', " + d + ", " + d
                        + ", 2, 'DRAFT', null)",
                "insert into published_plan_days (organisation_id, area_id, service_date, plan_id) values ('" + ORG_A
                        + "', '" + AREA + "', " + d + ", '" + PLAN_A + "'), ('" + ORG_A + "', '" + AREA + "', " + d2
                        + ", '" + PLAN_A + "')",
                "insert into assignments (organisation_id, plan_id, visit_id, carer_id, service_date, position,"
                        + " arrival_at, start_at, end_at) values"
                        + " ('" + ORG_A + "', '" + PLAN_A + "', '" + VISIT_A1 + "', '" + CARER_A1 + "', " + d
                        + ", 0, " + at.formatted("09:00") + ", " + at.formatted("09:00") + ", "
                        + at.formatted("09:30") + "),"
                        + " ('" + ORG_A + "', '" + PLAN_A + "', '" + VISIT_A2 + "', '" + CARER_A2 + "', " + d
                        + ", 0, " + at.formatted("11:00") + ", " + at.formatted("11:00") + ", "
                        + at.formatted("11:30") + "),"
                        + " ('" + ORG_A + "', '" + DRAFT_A + "', '" + VISIT_A2 + "', '" + CARER_A1 + "', " + d
                        + ", 1, " + at.formatted("11:00") + ", " + at.formatted("11:00") + ", "
                        + at.formatted("11:30") + "),"
                        + " ('" + ORG_A + "', '" + PLAN_A + "', '" + VISIT_A3_TOMORROW + "', '" + CARER_A1 + "', " + d2
                        + ", 0, " + at2.formatted("09:00") + ", " + at2.formatted("09:00") + ", "
                        + at2.formatted("09:30") + ")",
                "insert into app_users (organisation_id, username, role, carer_id) values"
                        + " ('" + ORG_A + "', 'coordinator.a', 'COORDINATOR', null),"
                        + " ('" + ORG_A + "', 'carer.a1', 'CARER', '" + CARER_A1 + "'),"
                        + " ('" + ORG_B + "', 'coordinator.b', 'COORDINATOR', null),"
                        + " ('" + ORG_C + "', 'commissioner.c', 'COMMISSIONER', null)");
        this.sql.scriptAsOwner(script);
    }
}
