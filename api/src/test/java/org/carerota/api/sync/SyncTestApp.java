package org.carerota.api.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.carerota.api.support.TestDatabase;
import org.carerota.infra.db.EmbeddedDatabase;
import org.carerota.sync.SyncService;
import org.carerota.sync.shared.SyncSettings;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The application the sync tests share (one Spring context: every class declares the same
 * properties, {@code carerota.demo.load-region=true}, {@code size=S}, {@code days=2},
 * {@code carerota.sync.live-heartbeat=2s}): the demo profile on a database of its own with the
 * small demo region (two days from today) and the demo users, plus publishing of a
 * day's rota for carers (a plan, its assignments, {@code published_plan_days}, then the change
 * feed through {@code feedWriter().publishPlan}) until issue 6's {@code publishRota} exists.
 */
public final class SyncTestApp {

    static final EmbeddedDatabase SERVER = EmbeddedDatabase.forTests();
    static final String DATABASE = SERVER.createDatabase("syncapi");

    private SyncTestApp() {}

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> SERVER.r2dbcUrl(DATABASE));
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> SERVER.jdbcUrl(DATABASE));
        registry.add("spring.flyway.user", SERVER::user);
        registry.add("spring.flyway.password", SERVER::password);
        registry.add("carerota.security.keys-dir", TestDatabase::keysDir);
        registry.add("carerota.security.access-notes-key", () -> TestDatabase.TEST_ACCESS_NOTES_KEY);
    }

    static LocalDate today() {
        return LocalDate.now(SyncSettings.LONDON);
    }

    static WebTestClient http(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    /** A demo user's access token from {@code POST /demo/token}. */
    static String token(int port, String user) {
        Map<?, ?> body = http(port)
                .post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) Objects.requireNonNull(body).get("access_token");
    }

    static UUID carerOf(String user) {
        return UUID.fromString(one("select carer_id::text from app_users where username = ?", user));
    }

    static UUID organisationOf(String user) {
        return UUID.fromString(one("select organisation_id::text from app_users where username = ?", user));
    }

    /** What publishing wrote. */
    public record Published(UUID planId, UUID areaId, List<UUID> visitIds) {}

    /**
     * Publishes today's rota of the carer's busiest area with the first {@code visits} visits (by
     * window) given to the carer: a new revision each call, so the feed gets only what changed.
     */
    public static Published publishToday(Transactions transactions, SyncService sync, UUID carerId, int visits) {
        LocalDate day = today();
        // looked up through the application's own connection, so it works on any test database
        UUID org = Objects.requireNonNull(transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select organisation_id from carers where id = :id")
                        .bind("id", carerId)
                        .map((row, meta) -> Objects.requireNonNull(row.get(0, UUID.class)))
                        .one())
                .block());
        UUID area = Objects.requireNonNull(transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select area_id from visits where organisation_id = :org and service_date = :day"
                                        + " and status <> 'CANCELLED' group by area_id order by count(*) desc, area_id limit 1")
                        .bind("org", org)
                        .bind("day", day)
                        .map((row, meta) -> Objects.requireNonNull(row.get(0, UUID.class)))
                        .one())
                .block());
        return Objects.requireNonNull(transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql(
                                "insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision)"
                                        + " values (:org, :area, :day, :day,"
                                        + " (select coalesce(max(revision), 0) + 1 from plans where area_id = :area))"
                                        + " returning id")
                        .bind("org", org)
                        .bind("area", area)
                        .bind("day", day)
                        .map((row, meta) -> Objects.requireNonNull(row.get("id", UUID.class)))
                        .one()
                        .flatMap(plan -> db.sql(
                                        "insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index,"
                                                + " service_date, position, arrival_at, start_at, end_at)"
                                                + " select :org, :plan, v.id, :carer, 0, v.service_date,"
                                                + " (row_number() over (order by v.window_start, v.id)) - 1,"
                                                + " v.window_start - interval '5 minutes', v.window_start,"
                                                + " v.window_start + make_interval(mins => v.duration_minutes)"
                                                + " from (select * from visits where organisation_id = :org"
                                                + " and area_id = :area and service_date = :day and status <> 'CANCELLED'"
                                                + " order by window_start, id limit :n) v returning visit_id")
                                .bind("org", org)
                                .bind("plan", plan)
                                .bind("carer", carerId)
                                .bind("day", day)
                                .bind("area", area)
                                .bind("n", visits)
                                .map((row, meta) -> Objects.requireNonNull(row.get("visit_id", UUID.class)))
                                .all()
                                .collectList()
                                .flatMap(ids -> db.sql("update plans set status = 'PUBLISHED', published_at = now()"
                                                + " where id = :plan")
                                        .bind("plan", plan)
                                        .then()
                                        .then(db.sql("insert into published_plan_days (organisation_id, area_id,"
                                                        + " service_date, plan_id) values (:org, :area, :day, :plan)"
                                                        + " on conflict (organisation_id, area_id, service_date)"
                                                        + " do update set plan_id = excluded.plan_id")
                                                .bind("org", org)
                                                .bind("area", area)
                                                .bind("day", day)
                                                .bind("plan", plan)
                                                .then())
                                        .then(db.sql("update plans p set status = 'SUPERSEDED' where p.area_id = :area"
                                                        + " and p.status = 'PUBLISHED' and p.id <> :plan and not exists"
                                                        + " (select from published_plan_days d where d.plan_id = p.id)")
                                                .bind("area", area)
                                                .bind("plan", plan)
                                                .then())
                                        .then(sync.feedWriter().publishPlan(db, plan))
                                        .thenReturn(new Published(plan, area, ids)))))
                .block());
    }

    /** The kinds of the carer's stored events for a visit, with how many of each. */
    static Map<String, Long> eventCounts(UUID visitId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String row : query(
                "select kind || '=' || count(*) from visit_events where visit_id = ?::uuid group by kind",
                visitId.toString())) {
            String[] parts = row.split("=");
            counts.put(parts[0], Long.parseLong(parts[1]));
        }
        return counts;
    }

    static String one(String sql, String... args) {
        List<String> rows = query(sql, args);
        if (rows.isEmpty()) {
            throw new IllegalStateException("no row for " + sql);
        }
        return rows.get(0);
    }

    static long count(String sql, String... args) {
        return Long.parseLong(one(sql, args));
    }

    static List<String> query(String sql, String... args) {
        try (Connection connection =
                        DriverManager.getConnection(SERVER.jdbcUrl(DATABASE), SERVER.user(), SERVER.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
