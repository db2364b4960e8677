package org.carerota.api.report.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.infra.db.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The capacity report on a month of the L region (1,000 carers, 10,000 visits a day), generated
 * directly in SQL. Not part of the default run (the name does not end in Tests); run it with
 *
 * <pre>
 * mvn -B -Dmaven.repo.local=... -pl api test -Dtest=CapacityReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * </pre>
 *
 * It prints the machine (cores, memory, load), the data sizes, the time to compute the month's
 * report facts, the timings of the report grouped by AREA and WEEK for November 2026 (a warm-up,
 * then five runs; three for the others) as a commissioner of the ICB that owns the areas (all
 * care) and as a coordinator of one provider, what the report trigger adds to one event insert
 * on the sync push path, and the refresh of one day after an ingest.
 * {@code -Dcarerota.bench.limit-ms=2000} makes it fail when the median is slower.
 */
class CapacityReportBenchmark {

    private static final String REPORT = "select count(*) from reports_capacity(md5('area-sys')::uuid,"
            + " date '2026-11-01', date '2026-11-30', ?::text[], date '2026-12-01')";

    @Test
    void shouldAnswerMonthOfLargeRegionByAreaAndWeek() throws SQLException, IOException {
        EmbeddedDatabase server = EmbeddedDatabase.forTests();
        String database = server.createDatabase("bench");
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), server.user(), server.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        long started = System.nanoTime();
        try (Connection owner =
                        DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
                Statement statement = owner.createStatement()) {
            statement.execute(GENERATE);
        }
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        try (Connection app = DriverManager.getConnection(server.jdbcUrl(database), DatabaseBootstrap.APP_ROLE, "");
                Connection owner =
                        DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password())) {
            app.setAutoCommit(false);
            double facts = refresh(app);
            System.out.printf(
                    Locale.ROOT,
                    "report facts of the 30 days computed in %.1f s (%.2f s a day), load average %s%n",
                    facts,
                    facts / 30,
                    loadAverage());
            print(
                    app,
                    "select (select count(*) from visits) as visits, (select count(*) from assignments) as assignments,"
                            + " (select count(*) from visit_events) as events, (select count(*) from carers) as carers,"
                            + " (select count(*) from shifts) as shifts");
            List<Double> commissioner = time(app, "COMMISSIONER", "md5('org-icb')::uuid", "{AREA,WEEK}", 5);
            List<Double> coordinator = time(app, "COORDINATOR", "md5('org-p0')::uuid", "{AREA,WEEK}", 3);
            List<Double> ungrouped = time(app, "COMMISSIONER", "md5('org-icb')::uuid", "{}", 3);
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memory()
                    + ", load average " + loadAverage());
            report("commissioner (ICB, all care), AREA+WEEK", commissioner);
            report("coordinator (one provider), AREA+WEEK", coordinator);
            report("commissioner (ICB, all care), no grouping", ungrouped);
            pushCost(app, owner);
            double day = ingestThenRefresh(app);
            System.out.printf(
                    Locale.ROOT,
                    "one check-in ingested, then the next report's refresh of its day: %.2f s, load average %s%n",
                    day,
                    loadAverage());
            String limit = System.getProperty("carerota.bench.limit-ms");
            if (limit != null) {
                assertThat(median(commissioner) * 1000).isLessThanOrEqualTo(Double.parseDouble(limit));
            }
        }
    }

    private static List<Double> time(Connection app, String role, String organisation, String groups, int runs)
            throws SQLException {
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long backend = backendPid(app);
        for (int run = 0; run <= runs; run++) {
            try (Statement statement = app.createStatement()) {
                statement.execute("select set_config('carerota.role', '" + role + "', true),"
                        + " set_config('carerota.organisation_id', (" + organisation + ")::text, true)");
            }
            double cpuBefore = cpuSeconds(backend);
            long start = System.nanoTime();
            try (PreparedStatement statement = app.prepareStatement(REPORT)) {
                statement.setString(1, groups);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isPositive();
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double used = cpuSeconds(backend) - cpuBefore;
            app.rollback();
            if (run > 0) {
                seconds.add(elapsed);
                cpu.add(used);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  %s %s: PostgreSQL backend CPU per report, median %.2f s (what the query costs whatever the load)%n",
                role,
                groups,
                median(cpu));
        return seconds;
    }

    private static long backendPid(Connection app) throws SQLException {
        try (Statement statement = app.createStatement();
                ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** User + system CPU of a local process (/proc/PID/stat, clock ticks of 1/100 s); -1 if unknown. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Seconds to bring the month's report facts up to date (committed). */
    private static double refresh(Connection app) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = app.createStatement()) {
            statement.execute("select set_config('carerota.role', 'SYSTEM', true)");
            try (ResultSet rows =
                    statement.executeQuery("select reports_refresh(date '2026-11-01', date '2026-11-30')")) {
                rows.next();
            }
        }
        app.commit();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The report triggers on the sync push path: 400 single-event inserts into visit_events (one
     * statement each, as the ingest writes a pushed event), with the report trigger on and off,
     * each in a transaction that is rolled back. Prints the mean per insert.
     */
    private static void pushCost(Connection app, Connection owner) throws SQLException {
        double[] with = new double[2];
        double[] without = new double[2];
        for (int round = 0; round < 2; round++) {
            with[round] = insertEvents(app);
            setTrigger(owner, false);
            try {
                without[round] = insertEvents(app);
            } finally {
                setTrigger(owner, true);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "push path: one visit_events insert %.0f us with the report trigger, %.0f us without"
                        + " (mean of 400, second round; first round %.0f / %.0f us), load average %s%n",
                with[1],
                without[1],
                with[0],
                without[0],
                loadAverage());
    }

    private static double insertEvents(Connection app) throws SQLException {
        int events = 400;
        try (Statement tenant = app.createStatement()) {
            tenant.execute("select set_config('carerota.role', 'SYSTEM', true)");
        }
        long start = System.nanoTime();
        try (PreparedStatement insert = app.prepareStatement("insert into visit_events"
                + " (id, organisation_id, carer_id, visit_id, kind, device_time)"
                + " values (gen_random_uuid(), md5('org-p' || (? % 5))::uuid, md5('carer' || (? % 5))::uuid,"
                + " md5('v' || ? || '-0-29')::uuid, 'CHECK_IN', timestamptz '2026-11-30 07:30Z')")) {
            for (int i = 0; i < events; i++) {
                insert.setInt(1, i);
                insert.setInt(2, i);
                insert.setInt(3, i);
                insert.executeUpdate();
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / events;
        app.rollback();
        return micros;
    }

    private static void setTrigger(Connection owner, boolean enabled) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("alter table visit_events " + (enabled ? "enable" : "disable")
                    + " trigger visit_events_report_insert");
        }
    }

    /** One check-out pushed (committed), then the refresh a report would run: seconds of the refresh. */
    private static double ingestThenRefresh(Connection app) throws SQLException {
        try (Statement statement = app.createStatement()) {
            statement.execute("select set_config('carerota.role', 'SYSTEM', true)");
            statement.execute("insert into visit_events (id, organisation_id, carer_id, visit_id, kind, device_time)"
                    + " values (gen_random_uuid(), md5('org-p1')::uuid, md5('carer1')::uuid,"
                    + " md5('v1-0-15')::uuid, 'NOTE', timestamptz '2026-11-16 08:00Z'),"
                    + " (gen_random_uuid(), md5('org-p1')::uuid, md5('carer1')::uuid,"
                    + " md5('v1-0-15')::uuid, 'CHECK_OUT', timestamptz '2026-11-16 09:00Z')");
        }
        app.commit();
        return refresh(app);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void report(String what, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s: median %.2f s, min %.2f s, max %.2f s (%d runs after a warm-up)%n",
                what,
                median(seconds),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                seconds.size());
    }

    private static double median(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal"))
                .map(line -> line.replaceAll("\\s+", " "))
                .findFirst()
                .orElse("memory unknown");
    }

    private static void print(Connection app, String sql) throws SQLException {
        try (Statement statement = app.createStatement()) {
            statement.execute("select set_config('carerota.role', 'SYSTEM', true)");
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                StringBuilder line = new StringBuilder("data:");
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    line.append(' ')
                            .append(rows.getMetaData().getColumnLabel(c))
                            .append('=')
                            .append(rows.getLong(c));
                }
                System.out.println(line);
            }
        }
        app.rollback();
    }

    /** November 2026 of an L region: 5 places x 4 neighbourhoods, 5,000 people x 2 daily visits, 1,000 carers. */
    private static final String GENERATE =
            """
insert into organisations (id, name, kind) values
 (md5('org-icb')::uuid, 'Bench ICB', 'ICB'), (md5('org-council')::uuid, 'Bench Council', 'COUNCIL'),
 (md5('org-trust')::uuid, 'Bench Trust', 'NHS_TRUST');
insert into organisations (id, name, kind) select md5('org-p' || i)::uuid, 'Bench Provider ' || i, 'PROVIDER' from generate_series(0, 4) i;
insert into areas (id, organisation_id, parent_id, kind, name) values (md5('area-sys')::uuid, md5('org-icb')::uuid, null, 'SYSTEM', 'Bench System');
insert into areas (id, organisation_id, parent_id, kind, name)
select md5('area-p' || p)::uuid, md5('org-icb')::uuid, md5('area-sys')::uuid, 'PLACE', 'Place ' || p from generate_series(0, 4) p;
insert into areas (id, organisation_id, parent_id, kind, name)
select md5('area-n' || p || '-' || n)::uuid, md5('org-icb')::uuid, md5('area-p' || p)::uuid, 'NEIGHBOURHOOD', 'Place ' || p || ' N' || n
from generate_series(0, 4) p, generate_series(0, 3) n;
insert into staff_pools (id, organisation_id, name, sector)
select md5('pool-p' || i)::uuid, md5('org-p' || i)::uuid, 'Home care ' || i, 'SOCIAL_CARE' from generate_series(0, 4) i;
insert into staff_pools (id, organisation_id, name, sector) values (md5('pool-h')::uuid, md5('org-trust')::uuid, 'Community nursing', 'HEALTH');
insert into carers (id, organisation_id, pool_id, name, home_lat, home_lon)
select md5('carer' || c)::uuid,
       case when c % 10 = 9 then md5('org-trust')::uuid else md5('org-p' || (c % 5))::uuid end,
       case when c % 10 = 9 then md5('pool-h')::uuid else md5('pool-p' || (c % 5))::uuid end,
       'Carer ' || c, 52.6, 1.3
from generate_series(0, 999) c;
insert into service_users (id, organisation_id, area_id, name, lat, lon)
select md5('su' || s)::uuid, md5('org-p' || (s % 5))::uuid, md5('area-n' || (s % 5) || '-' || ((s / 5) % 4))::uuid, 'Person ' || s, 52.6, 1.3
from generate_series(0, 4999) s;
insert into care_packages (id, organisation_id, service_user_id, commissioner_id, starts_on)
select md5('cp' || s)::uuid, md5('org-p' || (s % 5))::uuid, md5('su' || s)::uuid,
       case when s % 5 = 0 then md5('org-icb')::uuid else md5('org-council')::uuid end, date '2026-01-01'
from generate_series(0, 4999) s;
insert into visit_templates (id, organisation_id, care_package_id, days_of_week, window_start, window_end, duration_minutes, carers_required)
select md5('t' || s || '-' || k)::uuid, md5('org-p' || (s % 5))::uuid, md5('cp' || s)::uuid, '{1,2,3,4,5,6,7}',
       make_time(7 + k * 9 + s % 3, 0, 0), make_time(8 + k * 9 + s % 3, 0, 0), 30 + (s % 4) * 15, case when s % 8 = 0 then 2 else 1 end
from generate_series(0, 4999) s, generate_series(0, 1) k;
insert into visits (id, organisation_id, service_user_id, commissioner_id, care_package_id, template_id, area_id, window_start,
                    window_end, duration_minutes, carers_required, status)
select md5('v' || s || '-' || k || '-' || d)::uuid, md5('org-p' || (s % 5))::uuid, md5('su' || s)::uuid,
       case when s % 5 = 0 then md5('org-icb')::uuid else md5('org-council')::uuid end, md5('cp' || s)::uuid, md5('t' || s || '-' || k)::uuid,
       md5('area-n' || (s % 5) || '-' || ((s / 5) % 4))::uuid,
       ((date '2026-11-01' + d) + make_time(7 + k * 9 + s % 3, 0, 0)) at time zone 'Europe/London',
       ((date '2026-11-01' + d) + make_time(8 + k * 9 + s % 3, 0, 0)) at time zone 'Europe/London',
       30 + (s % 4) * 15, case when s % 8 = 0 then 2 else 1 end, 'DELIVERED'
from generate_series(0, 4999) s, generate_series(0, 1) k, generate_series(0, 29) d;
insert into plans (id, organisation_id, area_id, horizon_from, horizon_to, revision, status, published_at)
select md5('plan' || p)::uuid, md5('org-p' || p)::uuid, md5('area-p' || p)::uuid, date '2026-11-01', date '2026-11-30', 1, 'PUBLISHED', now()
from generate_series(0, 4) p;
insert into published_plan_days (organisation_id, area_id, service_date, plan_id)
select md5('org-p' || p)::uuid, md5('area-p' || p)::uuid, date '2026-11-01' + d, md5('plan' || p)::uuid
from generate_series(0, 4) p, generate_series(0, 29) d;
create temp table slots as
select s, k, d, j, (s % 5) + 5 * (((s / 5) + j * 37 + k * 11 + d / 3) % 200) as c,
       ((date '2026-11-01' + d) + make_time(7 + k * 9 + s % 3, 0, 0)) at time zone 'Europe/London' as starts,
       30 + (s % 4) * 15 as duration
from generate_series(0, 4999) s, generate_series(0, 1) k, generate_series(0, 29) d, generate_series(0, 1) j
where j = 0 or s % 8 = 0;
insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index, service_date, position, arrival_at, start_at, end_at, travel_minutes_before)
select md5('org-p' || (s % 5))::uuid, md5('plan' || (s % 5))::uuid, md5('v' || s || '-' || k || '-' || d)::uuid, md5('carer' || c)::uuid, j,
       date '2026-11-01' + d, k, starts, starts, starts + make_interval(mins => duration), 5 + (s + d) % 15
from slots where (s + d + j) % 20 <> 0;
insert into unassigned_visits (organisation_id, plan_id, visit_id, slot_index, service_date, reasons)
select md5('org-p' || (s % 5))::uuid, md5('plan' || (s % 5))::uuid, md5('v' || s || '-' || k || '-' || d)::uuid, j, date '2026-11-01' + d,
       case when s % 3 = 0 then '{NO_CAPACITY,SKILL_MISSING}'::text[] else '{NO_CAPACITY}'::text[] end
from slots where (s + d + j) % 20 = 0;
insert into visit_events (id, organisation_id, carer_id, visit_id, kind, device_time)
select md5('in' || s || '-' || k || '-' || d || '-' || j)::uuid, md5('org-p' || (s % 5))::uuid, md5('carer' || c)::uuid,
       md5('v' || s || '-' || k || '-' || d)::uuid, 'CHECK_IN', starts + make_interval(mins => (s + d) % 90)
from slots where (s + d + j) % 20 <> 0 and (s + d + j) % 10 <> 3
union all
select md5('out' || s || '-' || k || '-' || d || '-' || j)::uuid, md5('org-p' || (s % 5))::uuid, md5('carer' || c)::uuid,
       md5('v' || s || '-' || k || '-' || d)::uuid, 'CHECK_OUT',
       starts + make_interval(mins => (s + d) % 90 + duration - case when s % 7 = 0 then 15 else 0 end)
from slots where (s + d + j) % 20 <> 0 and (s + d + j) % 10 <> 3;
insert into plan_routes (organisation_id, plan_id, carer_id, service_date, travel_minutes_to_end)
select md5('org-p' || (c % 5))::uuid, md5('plan' || (c % 5))::uuid, md5('carer' || c)::uuid, date '2026-11-01' + d, 10
from generate_series(0, 999) c, generate_series(0, 29) d;
insert into shifts (organisation_id, carer_id, starts_at, ends_at)
select case when c % 10 = 9 then md5('org-trust')::uuid else md5('org-p' || (c % 5))::uuid end, md5('carer' || c)::uuid,
       ((date '2026-11-01' + d) + time '07:00') at time zone 'Europe/London', ((date '2026-11-01' + d) + time '21:00') at time zone 'Europe/London'
from generate_series(0, 999) c, generate_series(0, 29) d;
insert into absences (organisation_id, carer_id, starts_at, ends_at, kind)
select case when c % 10 = 9 then md5('org-trust')::uuid else md5('org-p' || (c % 5))::uuid end, md5('carer' || c)::uuid,
       (date '2026-11-01' + d)::timestamp at time zone 'Europe/London', (date '2026-11-02' + d)::timestamp at time zone 'Europe/London', 'SICKNESS'
from generate_series(0, 999) c, generate_series(0, 29) d where (c * 7 + d) % 40 = 0;
drop table slots;
analyze;
            """;
}
