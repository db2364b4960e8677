package org.carerota.sync.testdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Minimal rows for sync tests, inserted with SQL as the schema owner: an organisation with an area
 * and a pool, carers, service users, visits, plans with assignments, and which plan is published.
 */
public final class Fixtures {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 1 June 2026, 08:00 in London. */
    public static final Instant NOW =
            ZonedDateTime.of(2026, 6, 1, 8, 0, 0, 0, LONDON).toInstant();

    public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private final DatabaseClient db;

    public Fixtures(DatabaseClient db) {
        this.db = db;
    }

    /** An organisation (provider and commissioner of its own visits) with one area and one pool. */
    public record Org(UUID id, UUID areaId, UUID poolId) {}

    public Org organisation(String name) {
        UUID org = uuid("insert into organisations (name, kind) values ('" + esc(name) + "', 'PROVIDER') returning id");
        UUID area = uuid("insert into areas (organisation_id, kind, name) values ('" + org + "', 'PLACE', 'Norwich')"
                + " returning id");
        UUID pool = uuid("insert into staff_pools (organisation_id, name, sector) values ('" + org
                + "', 'Home care', 'SOCIAL_CARE') returning id");
        return new Org(org, area, pool);
    }

    public UUID carer(Org org, String name) {
        return uuid("insert into carers (organisation_id, pool_id, name, home_lat, home_lon) values ('" + org.id()
                + "', '" + org.poolId() + "', '" + esc(name) + "', 52.63, 1.29) returning id");
    }

    public UUID serviceUser(Org org, String name) {
        return uuid("insert into service_users (organisation_id, area_id, name, address, postcode, lat, lon) values ('"
                + org.id() + "', '" + org.areaId() + "', '" + esc(name)
                + "', '1 Elm Road, Norwich', 'NR1 1AA', 52.62, 1.30) returning id");
    }

    /** A visit on {@code day} with a window from {@code at} for an hour. */
    public UUID visit(Org org, UUID serviceUser, LocalDate day, LocalTime at, int minutes, int carersRequired) {
        Instant start = ZonedDateTime.of(day, at, LONDON).toInstant();
        return uuid("insert into visits (organisation_id, service_user_id, commissioner_id, area_id, window_start,"
                + " window_end, duration_minutes, carers_required, tasks) values ('" + org.id() + "', '" + serviceUser
                + "', '" + org.id() + "', '" + org.areaId() + "', '" + start + "', '" + start.plusSeconds(3600)
                + "', " + minutes + ", " + carersRequired
                + ", '[{\"code\":\"meds\",\"description\":\"Prompt morning medication\",\"medication\":true}]')"
                + " returning id");
    }

    /** A draft plan of the organisation's area. */
    public UUID plan(Org org, LocalDate from, LocalDate to) {
        return uuid("insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision) values ('"
                + org.id() + "', '" + org.areaId() + "', '" + from + "', '" + to + "',"
                + " (select coalesce(max(revision), 0) + 1 from plans where area_id = '" + org.areaId() + "'))"
                + " returning id");
    }

    /** Assigns a carer to a slot of a visit in a plan, starting at the visit's window start. */
    public void assign(Org org, UUID plan, UUID visit, UUID carer, int slot, int position) {
        exec("insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index, service_date,"
                + " position, arrival_at, start_at, end_at)"
                + " select '" + org.id() + "', '" + plan + "', v.id, '" + carer + "', " + slot + ", v.service_date, "
                + position + ", v.window_start - interval '5 minutes', v.window_start,"
                + " v.window_start + make_interval(mins => v.duration_minutes) from visits v where v.id = '" + visit
                + "'");
    }

    /** Makes the plan the published one for every day of its horizon; plans left with no day are superseded. */
    public void publish(UUID plan) {
        exec("update plans set status = 'PUBLISHED', published_at = now() where id = '" + plan + "'");
        exec("insert into published_plan_days (organisation_id, area_id, service_date, plan_id)"
                + " select p.organisation_id, p.area_id, d::date, p.id from plans p,"
                + " generate_series(p.horizon_from, p.horizon_to, interval '1 day') d where p.id = '" + plan + "'"
                + " on conflict (organisation_id, area_id, service_date) do update set plan_id = excluded.plan_id");
        exec("update plans p set status = 'SUPERSEDED' where p.status = 'PUBLISHED' and p.id <> '" + plan + "'"
                + " and not exists (select from published_plan_days d where d.plan_id = p.id)");
    }

    public void exec(String sql) {
        db.sql(sql).fetch().rowsUpdated().block();
    }

    public long count(String sql) {
        return Objects.requireNonNull(db.sql(sql)
                .map((row, meta) -> ((Number) Objects.requireNonNull(row.get(0))).longValue())
                .one()
                .block());
    }

    private UUID uuid(String sql) {
        return Objects.requireNonNull(
                db.sql(sql).map((row, meta) -> row.get(0, UUID.class)).one().block());
    }

    private static String esc(String text) {
        return text.replace("'", "''");
    }
}
