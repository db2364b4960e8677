package org.carerota.infra.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.carerota.infra.db.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The migrations in {@code db/migration} against a real (embedded) PostgreSQL: they apply to an
 * empty database and validate, the database itself rejects bad rows, and a failing migration
 * leaves the schema as it was.
 */
class MigrationsIntegrationTests {

    private static final String MIGRATIONS = "classpath:db/migration";
    private static final String BROKEN_MIGRATION = "classpath:db/broken";

    // SQLSTATEs the schema raises
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";
    private static final String INSUFFICIENT_PRIVILEGE = "42501"; // reject_modification(): insert-only tables
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Statements Flyway cannot run inside the migration's transaction. */
    private static final Pattern NON_TRANSACTIONAL =
            Pattern.compile("\\b(index\\s+concurrently|reindex\\b[^;]*\\bconcurrently|vacuum|(?m:^\\s*commit\\s*;))");

    /** Tables without organisation_id: the tenant root itself and the shared skill catalogue. */
    private static final Set<String> NON_TENANT_TABLES = Set.of("organisations", "skills");

    private static EmbeddedDatabase server;
    private static String database;

    @BeforeAll
    static void migrateOnce() {
        server = EmbeddedDatabase.forTests();
        database = server.createDatabase("migrations");
        flyway(database, MIGRATIONS).migrate();
    }

    // -- applying ------------------------------------------------------------------------------

    @Test
    void shouldApplyEveryMigrationAndValidateWhenDatabaseIsEmpty() throws SQLException {
        String fresh = server.createDatabase("fresh");
        Flyway flyway = flyway(fresh, MIGRATIONS);

        MigrateResult result = flyway.migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(8);
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.migrate().migrationsExecuted)
                .as("a second run has nothing to do")
                .isZero();
        try (Connection connection = connect(fresh)) {
            assertThat(tables(connection))
                    .contains(
                            "organisations",
                            "areas",
                            "staff_pools",
                            "sharing_agreements",
                            "skills",
                            "carers",
                            "carer_skills",
                            "carer_availability",
                            "shifts",
                            "absences",
                            "app_users",
                            "service_users",
                            "service_user_carers",
                            "care_packages",
                            "visit_templates",
                            "visit_template_skills",
                            "visits",
                            "visit_required_skills",
                            "plans",
                            "published_plan_days",
                            "plan_routes",
                            "assignments",
                            "unassigned_visits",
                            "devices",
                            "visit_events",
                            "quarantined_events",
                            "carer_feed_heads",
                            "change_feed",
                            "device_read_receipts",
                            "calendar_feed_tokens",
                            "solver_jobs",
                            "audit_events");
        }
    }

    @Test
    void shouldGiveEveryTableTheConventionalColumnsWhenMigrated() throws SQLException {
        try (Connection connection = connect(database)) {
            for (String table : tables(connection)) {
                if (table.equals("flyway_schema_history")) {
                    continue;
                }
                assertThat(column(connection, table, "id")).as(table + ".id").isEqualTo("uuid NOT NULL");
                assertThat(primaryKey(connection, table))
                        .as(table + " primary key")
                        .containsExactly("id");
                assertThat(column(connection, table, "created_at"))
                        .as(table + ".created_at")
                        .isEqualTo("timestamp with time zone NOT NULL");
                assertThat(column(connection, table, "updated_at"))
                        .as(table + ".updated_at")
                        .isEqualTo("timestamp with time zone NOT NULL");
                if (!NON_TENANT_TABLES.contains(table)) {
                    assertThat(column(connection, table, "organisation_id"))
                            .as(table + ".organisation_id")
                            .isEqualTo("uuid NOT NULL");
                }
                if (column(connection, table, "version") != null) {
                    assertThat(column(connection, table, "version"))
                            .as(table + ".version")
                            .isEqualTo("bigint NOT NULL");
                    assertThat(column(connection, table, "change_seq"))
                            .as(table + ".change_seq")
                            .isEqualTo("bigint NOT NULL");
                }
            }
        }
    }

    @Test
    void shouldKeepEveryMigrationNamedAndTransactionalWhenFilesAreAdded() throws IOException {
        MigrationInfo[] migrations = flyway(database, MIGRATIONS).info().all();

        assertThat(migrations).isNotEmpty();
        for (MigrationInfo migration : migrations) {
            String script = migration.getScript();
            assertThat(script).matches("(V\\d{4}__|R__)[a-z0-9_]+\\.sql");
            String sql;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/" + script)) {
                assertThat(in).as(script).isNotNull();
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String statements = sql.replaceAll("--[^\\n]*", "").toLowerCase(Locale.ROOT);
            assertThat(statements)
                    .as(script + " must run inside one transaction")
                    .doesNotContainPattern(NON_TRANSACTIONAL);
        }
    }

    // -- a failing migration -------------------------------------------------------------------

    @Test
    void shouldLeaveSchemaUnchangedWhenMigrationFails() throws SQLException {
        String upgraded = server.createDatabase("broken");
        flyway(upgraded, MIGRATIONS).migrate();
        List<String> before = schemaSnapshot(upgraded);

        Flyway withBrokenMigration = flyway(upgraded, MIGRATIONS, BROKEN_MIGRATION);

        assertThatThrownBy(withBrokenMigration::migrate).isInstanceOf(FlywayException.class);
        assertThat(schemaSnapshot(upgraded)).isEqualTo(before);
        try (Connection connection = connect(upgraded)) {
            assertThat(count(connection, "select count(*) from skills where code = 'broken-migration'"))
                    .isZero();
            assertThat(count(connection, "select count(*) from flyway_schema_history where version = '9999'"))
                    .as("no history row for the failed migration")
                    .isZero();
        }
        assertThat(flyway(upgraded, MIGRATIONS).validateWithResult().validationSuccessful)
                .isTrue();
    }

    // -- visits ----------------------------------------------------------------------------------

    @Test
    void shouldRejectVisitWhenWindowEndsBeforeItStarts() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> f.insertVisit("2026-03-02 09:00+00", "2026-03-02 08:00+00", 30, 1))
                    .satisfies(violates(CHECK_VIOLATION, "visits_window_end_check"));
        });
    }

    @Test
    void shouldRejectVisitWhenDurationIsNotPositive() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 0, 1))
                    .satisfies(violates(CHECK_VIOLATION, "visits_duration_minutes_check"));
        });
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", -15, 1))
                    .satisfies(violates(CHECK_VIOLATION, "visits_duration_minutes_check"));
        });
    }

    @Test
    void shouldRejectVisitWhenFiveCarersAreRequired() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 4);
            assertThatThrownBy(() -> f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 5))
                    .satisfies(violates(CHECK_VIOLATION, "visits_carers_required_check"));
        });
    }

    @Test
    void shouldDateVisitInLondonWhenWindowStartsJustAfterMidnightBritishSummerTime() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID visit = f.insertVisit("2026-06-01 23:30+00", "2026-06-02 00:30+00", 30, 1);
            assertThat(db.text("select service_date::text from visits where id = ?", visit))
                    .isEqualTo("2026-06-02");
        });
    }

    @Test
    void shouldRejectVisitTemplateWhenWindowEndsBeforeItStarts() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID carePackage = f.insertCarePackage();
            assertThatThrownBy(() -> db.update(
                            "insert into visit_templates (organisation_id, care_package_id, days_of_week,"
                                    + " window_start, window_end, duration_minutes) values (?, ?, '{1,3,5}',"
                                    + " '10:00', '09:00', 30)",
                            f.provider,
                            carePackage))
                    .satisfies(violates(CHECK_VIOLATION, "visit_templates_window_end_check"));
            assertThatThrownBy(() -> db.update(
                            "insert into visit_templates (organisation_id, care_package_id, days_of_week,"
                                    + " window_start, window_end, duration_minutes) values (?, ?, '{1,8}',"
                                    + " '08:00', '09:00', 30)",
                            f.provider,
                            carePackage))
                    .satisfies(violates(CHECK_VIOLATION, "visit_templates_days_of_week_check"));
        });
    }

    // -- integrity -------------------------------------------------------------------------------

    @Test
    void shouldRejectRowWhenForeignKeyDangles() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> db.update(
                            "insert into carers (organisation_id, pool_id, name, home_lat, home_lon)"
                                    + " values (?, ?, 'Nobody', 52.6, 1.3)",
                            f.provider,
                            UUID.randomUUID()))
                    .satisfies(violates(FOREIGN_KEY_VIOLATION, "carers_pool_fkey"));
        });
    }

    @Test
    void shouldRejectChildWhenItsOrganisationDiffersFromItsParents() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            // a shift claiming the council's organisation for the provider's carer
            assertThatThrownBy(() -> db.update(
                            "insert into shifts (organisation_id, carer_id, starts_at, ends_at)"
                                    + " values (?, ?, '2026-03-02 07:00+00', '2026-03-02 14:00+00')",
                            f.council,
                            f.carer))
                    .satisfies(violates(FOREIGN_KEY_VIOLATION, "shifts_carer_fkey"));
        });
    }

    @Test
    void shouldRejectCarerSkillWhenCarerAlreadyHoldsIt() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID skill = f.insertSkill("hoist");
            String sql = "insert into carer_skills (organisation_id, carer_id, skill_id, valid_until)"
                    + " values (?, ?, ?, '2027-01-31')";
            db.update(sql, f.provider, f.carer, skill);
            assertThatThrownBy(() -> db.update(sql, f.provider, f.carer, skill))
                    .satisfies(violates(UNIQUE_VIOLATION, "carer_skills_carer_id_skill_id_key"));
            assertThatThrownBy(() -> f.insertSkill("hoist")).satisfies(violates(UNIQUE_VIOLATION, "skills_code_key"));
        });
    }

    @Test
    void shouldRejectLocationWhenLatitudeIsOutOfRange() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> db.update(
                            "insert into carers (organisation_id, pool_id, name, home_lat, home_lon)"
                                    + " values (?, ?, 'Off the map', 91, 1.3)",
                            f.provider,
                            f.pool))
                    .satisfies(violates(CHECK_VIOLATION, "carers_home_lat_check"));
        });
    }

    @Test
    void shouldRejectPreferenceWhenCarerIsAlsoBanned() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            String sql = "insert into service_user_carers (organisation_id, service_user_id, carer_id, relation)"
                    + " values (?, ?, ?, ?)";
            db.update(sql, f.provider, f.serviceUser, f.carer, "BANNED");
            db.update(sql, f.provider, f.serviceUser, f.carer, "REGULAR");
            assertThatThrownBy(() -> db.update(sql, f.provider, f.serviceUser, f.carer, "PREFERRED"))
                    .satisfies(violates(UNIQUE_VIOLATION, "service_user_carers_preference_key"));
        });
    }

    @Test
    void shouldStampUpdatedAtAndChangeSeqWhenRowIsUpdated() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            long before = db.number("select change_seq from carers where id = ?", f.carer);
            db.update("update carers set name = 'Amal Hussain' where id = ?", f.carer);
            long after = db.number("select change_seq from carers where id = ?", f.carer);
            assertThat(after).isGreaterThan(before);
            assertThat(db.number("select version from carers where id = ?", f.carer))
                    .as("version belongs to the application")
                    .isZero();
            db.update("update carers set name = 'Amal Hussain' where id = ?", f.carer);
            assertThat(db.number("select change_seq from carers where id = ?", f.carer))
                    .as("an update that changes nothing stamps nothing")
                    .isEqualTo(after);
        });
    }

    @Test
    void shouldKeepCreatedAtWhenUpdateSendsNull() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID person = db.insert(
                    "insert into service_users (organisation_id, area_id, name, lat, lon, created_at)"
                            + " values (?, ?, 'Mr Bert Example', 52.5, 1.7, '2020-01-01 00:00+00')",
                    f.provider,
                    f.area);
            db.update("update service_users set created_at = null, postcode = 'NR30 1AA' where id = ?", person);
            assertThat(db.text(
                            "select (created_at = '2020-01-01 00:00+00' and updated_at > created_at)::text"
                                    + " from service_users where id = ?",
                            person))
                    .isEqualTo("true");
        });
    }

    // -- sync --------------------------------------------------------------------------------------

    @Test
    void shouldRejectEventWhenItsUuidWasAlreadyRecorded() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID visit = f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 1);
            UUID event = UUID.randomUUID();
            String sql = "insert into visit_events (id, organisation_id, carer_id, visit_id, kind, device_time,"
                    + " verification_method) values (?, ?, ?, ?, 'CHECK_IN', '2026-03-02 08:05+00', 'GPS')";
            assertThat(db.update(sql, event, f.provider, f.carer, visit)).isEqualTo(1);
            assertThat(db.update(sql + " on conflict (id) do nothing", event, f.provider, f.carer, visit))
                    .as("idempotent ingest")
                    .isZero();
            assertThatThrownBy(() -> db.update(sql, event, f.provider, f.carer, visit))
                    .satisfies(violates(UNIQUE_VIOLATION, "visit_events_pkey"));
        });
    }

    @Test
    void shouldRejectUpdateAndDeleteWhenTableIsInsertOnly() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID visit = f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 1);
            UUID event = UUID.randomUUID();
            db.update(
                    "insert into visit_events (id, organisation_id, carer_id, visit_id, kind, device_time)"
                            + " values (?, ?, ?, ?, 'CHECK_OUT', '2026-03-02 08:40+00')",
                    event,
                    f.provider,
                    f.carer,
                    visit);
            assertThatThrownBy(() -> db.update("update visit_events set kind = 'NOTE' where id = ?", event))
                    .satisfies(violates(INSUFFICIENT_PRIVILEGE, null));
            assertThatThrownBy(() -> db.update("delete from visit_events where id = ?", event))
                    .satisfies(violates(INSUFFICIENT_PRIVILEGE, null));
            db.update(
                    "insert into audit_events (organisation_id, actor_username, actor_role, operation, table_name,"
                            + " record_ids) values (?, 'coordinator', 'COORDINATOR', 'READ', 'service_users',"
                            + " array[?::uuid])",
                    f.provider,
                    f.serviceUser);
            assertThatThrownBy(() -> db.update("update audit_events set operation = 'UPDATE'"))
                    .satisfies(violates(INSUFFICIENT_PRIVILEGE, null));
            assertThatThrownBy(() -> db.update("truncate audit_events"))
                    .satisfies(violates(INSUFFICIENT_PRIVILEGE, null));
        });
    }

    @Test
    void shouldNumberChangeFeedPerCarerWhenChangesAreAppended() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID other = f.insertCarer("Bea");
            UUID visit = f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 1);
            String sql = "insert into change_feed (organisation_id, carer_id, seq, entity_type, entity_id, op, payload)"
                    + " values (?, ?, ?, 'VISIT', ?, 'UPSERT', '{}')";
            db.update(sql, f.provider, f.carer, 0L, visit);
            db.update(sql, f.provider, other, 0L, visit);
            db.update(sql, f.provider, f.carer, 42L, visit); // a supplied seq is replaced
            db.update(
                    "insert into change_feed (organisation_id, carer_id, entity_type, entity_id, op)"
                            + " values (?, ?, 'ASSIGNMENT', ?, 'DELETE')",
                    f.provider,
                    f.carer,
                    UUID.randomUUID());

            assertThat(db.numbers("select seq from change_feed where carer_id = ? order by seq", f.carer))
                    .containsExactly(1L, 2L, 3L);
            assertThat(db.numbers("select seq from change_feed where carer_id = ?", other))
                    .containsExactly(1L);
            assertThat(db.number("select last_seq from carer_feed_heads where carer_id = ?", f.carer))
                    .isEqualTo(3L);
            assertThatThrownBy(() -> db.update("update change_feed set op = 'DELETE'"))
                    .satisfies(violates(INSUFFICIENT_PRIVILEGE, null));
        });
    }

    @Test
    void shouldMakeSecondFeedWriterWaitWhenFirstHasNotCommitted() throws SQLException {
        String feed = server.createDatabase("feed");
        flyway(feed, MIGRATIONS).migrate();
        try (Connection first = connect(feed);
                Connection second = connect(feed);
                Connection listener = connect(feed)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            Fixture f = Fixture.create(new Db(first));
            first.commit();
            listener.createStatement().execute("listen change_feed");
            String append = "insert into change_feed (organisation_id, carer_id, entity_type, entity_id, op, payload)"
                    + " values (?, ?, 'VISIT', gen_random_uuid(), 'UPSERT', '{}')";

            new Db(first).update(append, f.provider, f.carer);
            new Db(second).update("set local lock_timeout = '200ms'");
            assertThatThrownBy(() -> new Db(second).update(append, f.provider, f.carer))
                    .as("the second writer of one carer's feed waits for the first to commit")
                    .satisfies(violates(LOCK_NOT_AVAILABLE, null));
            first.commit();
            new Db(second).update(append, f.provider, f.carer);
            second.commit();

            assertThat(new Db(first).numbers("select seq from change_feed where carer_id = ? order by seq", f.carer))
                    .containsExactly(1L, 2L);
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(5_000);
            assertThat(notifications).isNotNull();
            assertThat(notifications).extracting(PGNotification::getParameter).containsOnly(f.carer.toString());
        }
    }

    // -- plans -------------------------------------------------------------------------------------

    @Test
    void shouldServeOnlyTheLatestPublishedPlanWhenADayIsRePlanned() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID visit = f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 1);
            UUID week = f.insertPlan(1, "2026-03-02", "2026-03-08");
            UUID replan = f.insertPlan(2, "2026-03-02", "2026-03-02");
            f.insertAssignment(week, visit, f.carer, 0);
            UUID bea = f.insertCarer("Bea");
            f.insertAssignment(replan, visit, bea, 0);
            String publish = "insert into published_plan_days (organisation_id, area_id, service_date, plan_id)"
                    + " values (?, ?, '2026-03-02', ?) on conflict (organisation_id, area_id, service_date)"
                    + " do update set plan_id = excluded.plan_id";

            db.update(publish, f.provider, f.area, week);
            assertThat(db.uuids("select carer_id from current_assignments where visit_id = ?", visit))
                    .containsExactly(f.carer);

            db.update(publish, f.provider, f.area, replan);
            assertThat(db.uuids("select carer_id from current_assignments where visit_id = ?", visit))
                    .containsExactly(bea);
        });
    }

    @Test
    void shouldRejectAssignmentWhenCarerTakesTwoSlotsOfOneVisit() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            UUID visit = f.insertVisit("2026-03-02 08:00+00", "2026-03-02 09:00+00", 30, 2);
            UUID plan = f.insertPlan(1, "2026-03-02", "2026-03-02");
            f.insertAssignment(plan, visit, f.carer, 0);
            assertThatThrownBy(() -> f.insertAssignment(plan, visit, f.carer, 1))
                    .satisfies(violates(UNIQUE_VIOLATION, "assignments_plan_id_visit_id_carer_id_key"));
        });
    }

    @Test
    void shouldRejectSolverJobWhenRunningWithoutLease() {
        inRolledBackTransaction(db -> {
            Fixture f = Fixture.create(db);
            assertThatThrownBy(() -> db.update(
                            "insert into solver_jobs (organisation_id, area_id, horizon_from, horizon_to, status,"
                                    + " time_limit_seconds) values (?, ?, '2026-03-02', '2026-03-08', 'RUNNING', 60)",
                            f.provider,
                            f.area))
                    .satisfies(violates(CHECK_VIOLATION, "solver_jobs_lease_check"));
        });
    }

    // -- helpers -----------------------------------------------------------------------------------

    private static Flyway flyway(String databaseName, String... locations) {
        return Flyway.configure()
                .dataSource(server.jdbcUrl(databaseName), server.user(), server.password())
                .locations(locations)
                .load();
    }

    private static Connection connect(String databaseName) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(databaseName), server.user(), server.password());
    }

    private static void inRolledBackTransaction(SqlWork work) {
        try (Connection connection = connect(database)) {
            connection.setAutoCommit(false);
            try {
                work.run(new Db(connection));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Consumer<Throwable> violates(String sqlState, @Nullable String constraint) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(SQLException.class);
            SQLException e = (SQLException) thrown;
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
            if (constraint != null) {
                assertThat(e.getMessage()).contains("\"" + constraint + "\"");
            }
        };
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection
                .createStatement()
                .executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** "type NOT NULL" or "type NULL", or null when the column does not exist. */
    private static @Nullable String column(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select format_type(atttypid, atttypmod) || case when attnotnull then ' NOT NULL' else ' NULL' end"
                        + " from pg_attribute where attrelid = ('public.' || ?)::regclass and attname = ?"
                        + " and not attisdropped")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                        + " and a.attnum = any(i.indkey) where i.indrelid = ('public.' || ?)::regclass"
                        + " and i.indisprimary")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Every relation, column, constraint, index and trigger of the public schema, as text. */
    private static List<String> schemaSnapshot(String databaseName) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect(databaseName);
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery("select 'relation ' || c.relname || ' ' || c.relkind::text"
                                + " from pg_class c where c.relnamespace = 'public'::regnamespace"
                                + " union all select 'column ' || table_name || '.' || column_name || ' '"
                                + " || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')"
                                + " from information_schema.columns where table_schema = 'public'"
                                + " union all select 'constraint ' || conrelid::regclass || ' ' || conname || ' '"
                                + " || pg_get_constraintdef(oid) from pg_constraint"
                                + " where connamespace = 'public'::regnamespace"
                                + " union all select 'trigger ' || tgrelid::regclass || ' ' || tgname"
                                + " from pg_trigger where not tgisinternal"
                                + " union all select 'view ' || viewname || ' ' || definition from pg_views"
                                + " where schemaname = 'public'"
                                + " union all select 'history ' || installed_rank || ' ' || coalesce(version, 'R')"
                                + " || ' ' || success from flyway_schema_history"
                                + " order by 1")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Db db) throws SQLException;
    }

    /** A thin JDBC helper bound to one connection in a transaction. */
    private static final class Db {
        private final Connection connection;

        Db(Connection connection) {
            this.connection = connection;
        }

        /** Runs a statement inside a savepoint, so that a rejected one leaves the transaction usable. */
        int update(String sql, Object... parameters) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = prepare(sql, parameters)) {
                int count = statement.executeUpdate();
                connection.releaseSavepoint(savepoint);
                return count;
            } catch (SQLException e) {
                connection.rollback(savepoint);
                throw e;
            }
        }

        UUID insert(String sql, Object... parameters) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = prepare(sql + " returning id", parameters);
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                UUID id = rs.getObject(1, UUID.class);
                connection.releaseSavepoint(savepoint);
                return id;
            } catch (SQLException e) {
                connection.rollback(savepoint);
                throw e;
            }
        }

        long number(String sql, Object... parameters) throws SQLException {
            List<Long> values = numbers(sql, parameters);
            assertThat(values).hasSize(1);
            return values.get(0);
        }

        List<Long> numbers(String sql, Object... parameters) throws SQLException {
            List<Long> values = new ArrayList<>();
            try (PreparedStatement statement = prepare(sql, parameters);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
            return values;
        }

        List<UUID> uuids(String sql, Object... parameters) throws SQLException {
            List<UUID> values = new ArrayList<>();
            try (PreparedStatement statement = prepare(sql, parameters);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getObject(1, UUID.class));
                }
            }
            return values;
        }

        @Nullable
        String text(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters);
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }

        private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }
    }

    /** The smallest world a visit needs: a council, a provider, an area, a pool, a carer, a person. */
    private static final class Fixture {
        private final Db db;
        final UUID council;
        final UUID provider;
        final UUID area;
        final UUID pool;
        final UUID carer;
        final UUID serviceUser;

        private Fixture(Db db) throws SQLException {
            this.db = db;
            council = db.insert("insert into organisations (name, kind) values ('Norfolk County Council', 'COUNCIL')");
            provider = db.insert("insert into organisations (name, kind) values ('Broadland Home Care', 'PROVIDER')");
            area = db.insert("insert into areas (organisation_id, kind, name) values (?, 'PLACE', 'Norwich')", council);
            pool = db.insert(
                    "insert into staff_pools (organisation_id, name, sector) values (?, 'Broadland', 'SOCIAL_CARE')",
                    provider);
            carer = insertCarer("Amal");
            serviceUser = db.insert(
                    "insert into service_users (organisation_id, area_id, name, lat, lon, postcode)"
                            + " values (?, ?, 'Mrs Ada Example', 52.63, 1.29, 'NR1 1AA')",
                    provider,
                    area);
        }

        static Fixture create(Db db) throws SQLException {
            return new Fixture(db);
        }

        UUID insertCarer(String name) throws SQLException {
            return db.insert(
                    "insert into carers (organisation_id, pool_id, name, home_lat, home_lon, gender)"
                            + " values (?, ?, ?, 52.62, 1.30, 'F')",
                    provider,
                    pool,
                    name);
        }

        UUID insertSkill(String code) throws SQLException {
            return db.insert(
                    "insert into skills (code, name, category) values (?, ?, 'MOVING_AND_HANDLING')", code, code);
        }

        UUID insertCarePackage() throws SQLException {
            return db.insert(
                    "insert into care_packages (organisation_id, service_user_id, commissioner_id, starts_on)"
                            + " values (?, ?, ?, '2026-03-01')",
                    provider,
                    serviceUser,
                    council);
        }

        UUID insertVisit(String windowStart, String windowEnd, int durationMinutes, int carersRequired)
                throws SQLException {
            return db.insert(
                    "insert into visits (organisation_id, service_user_id, commissioner_id, area_id, window_start,"
                            + " window_end, duration_minutes, carers_required)"
                            + " values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?)",
                    provider,
                    serviceUser,
                    council,
                    area,
                    windowStart,
                    windowEnd,
                    durationMinutes,
                    carersRequired);
        }

        UUID insertPlan(int revision, String from, String to) throws SQLException {
            return db.insert(
                    "insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision)"
                            + " values (?, ?, ?::date, ?::date, ?)",
                    provider,
                    area,
                    from,
                    to,
                    revision);
        }

        UUID insertAssignment(UUID plan, UUID visit, UUID carerId, int slot) throws SQLException {
            return db.insert(
                    "insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index,"
                            + " service_date, position, arrival_at, start_at, end_at)"
                            + " select ?, ?, id, ?, ?, service_date, 0, window_start, window_start,"
                            + " window_start + make_interval(mins => duration_minutes) from visits where id = ?",
                    provider,
                    plan,
                    carerId,
                    slot,
                    visit);
        }
    }
}
