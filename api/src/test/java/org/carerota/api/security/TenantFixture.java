package org.carerota.api.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.infra.db.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two providers and a council in a database of their own, inserted as the owner (no row-level
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

    final EmbeddedDatabase server = EmbeddedDatabase.forTests();
    final String database;
    final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

    TenantFixture(String prefix) {
        this(prefix, true);
    }

    /** A migrated database, with the fixture's rows or without any. */
    TenantFixture(String prefix, boolean withRows) {
        this.database = server.createDatabase(prefix);
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), server.user(), server.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (withRows) {
            insert();
        }
    }

    static UUID id(String suffix) {
        return UUID.fromString("00000000-0000-0000-0000-" + "0".repeat(12 - suffix.length()) + suffix);
    }

    /** Spring properties for an application on this database (the app connects as carerota_app). */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> server.r2dbcUrl(database));
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> server.jdbcUrl(database));
        registry.add("spring.flyway.user", server::user);
        registry.add("spring.flyway.password", server::password);
        registry.add("carerota.security.keys-dir", org.carerota.api.support.TestDatabase::keysDir);
        registry.add(
                "carerota.security.access-notes-key",
                () -> org.carerota.api.support.TestDatabase.TEST_ACCESS_NOTES_KEY);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                org.carerota.api.support.TestTokens::publicKeyLocation);
    }

    Connection owner() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }

    Connection application() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), DatabaseBootstrap.APP_ROLE, "");
    }

    /** Runs {@code sql} as the application role in one transaction with these tenant settings. */
    List<String> asApp(String role, @Nullable UUID organisation, @Nullable UUID carer, String sql, Object... args)
            throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, role, organisation, carer);
                return query(connection, sql, args);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Runs an update as the application role; returns the rows changed. */
    int updateAsApp(String role, @Nullable UUID organisation, @Nullable UUID carer, String sql, Object... args)
            throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, role, organisation, carer);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement, args);
                    return statement.executeUpdate();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    List<String> asOwner(String sql, Object... args) throws SQLException {
        try (Connection connection = owner()) {
            return query(connection, sql, args);
        }
    }

    static void setTenant(Connection connection, String role, @Nullable UUID organisation, @Nullable UUID carer)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('carerota.user', ?, true), set_config('carerota.role', ?, true),"
                        + " set_config('carerota.organisation_id', ?, true), set_config('carerota.carer_id', ?, true)")) {
            statement.setString(1, role.toLowerCase(java.util.Locale.ROOT) + ".test");
            statement.setString(2, role);
            statement.setString(3, organisation == null ? "" : organisation.toString());
            statement.setString(4, carer == null ? "" : carer.toString());
            statement.execute();
        }
    }

    private static List<String> query(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private void insert() {
        String d = "'" + today + "'";
        String d2 = "'" + today.plusDays(1) + "'";
        String at = "(" + d + "::date + time '%s') at time zone 'Europe/London'";
        String at2 = "(" + d2 + "::date + time '%s') at time zone 'Europe/London'";
        String sql = String.join(
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
        try (Connection connection = owner();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture: " + e.getMessage(), e);
        }
    }
}
