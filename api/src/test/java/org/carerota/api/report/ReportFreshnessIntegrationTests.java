package org.carerota.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.carerota.api.report.ReportFixture.NORTH;
import static org.carerota.api.report.ReportFixture.SYSTEM_AREA;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report facts (infra {@code V0400__report_facts.sql}) follow the base tables: a check-in/out
 * ingested or a rota published after a report is in the next report, and only the days that
 * changed are recomputed. Each test has a fresh {@link ReportFixture} database whose facts were
 * computed (and committed) by a first report.
 */
class ReportFreshnessIntegrationTests {

    private static final String WEEK = "date '2026-11-02', date '2026-11-08'";
    private static final String REPORT =
            "select * from reports_capacity(?::uuid, " + WEEK + ", '{}'::text[], date '2026-11-09')";
    private static final UUID DRAFT_NORTH = ReportFixture.id("894");
    private static final UUID PUBLISHED_NORTH = ReportFixture.id("891");

    private ReportFixture fixture;

    @BeforeEach
    void computeFactsOnce() throws SQLException {
        fixture = new ReportFixture();
        assertThat(refresh()).as("days computed by the first refresh").isEqualTo(7);
        assertThat(refresh()).as("days computed again when nothing changed").isZero();
    }

    @Test
    void shouldCountDeliveredVisitWhenCheckInAndOutAreIngestedAfterReport() throws SQLException {
        Map<String, @Nullable String> before = report();
        assertNumber(before, "delivered_hours", 5);
        assertNumber(before, "missed_visits", 1);
        assertNumber(before, "not_delivered_hours", 0.5);

        // carer One's phone pushes V3 (Wednesday 4 November, 08:00-08:30), as the sync ingest
        // writes it: the visit_events rows in one statement
        write(
                "insert into visit_events (id, organisation_id, carer_id, visit_id, kind, device_time) values"
                        + " ('00000000-0000-0000-0000-000000000921', ?, ?, ?, 'CHECK_IN', '2026-11-04 08:00Z'),"
                        + " ('00000000-0000-0000-0000-000000000922', ?, ?, ?, 'CHECK_OUT', '2026-11-04 08:30Z')",
                ReportFixture.PROVIDER_P,
                ReportFixture.id("831"),
                ReportFixture.id("873"),
                ReportFixture.PROVIDER_P,
                ReportFixture.id("831"),
                ReportFixture.id("873"));

        assertThat(refresh()).as("only the visit's day is recomputed").isEqualTo(1);
        Map<String, @Nullable String> after = report();
        assertNumber(after, "delivered_hours", 5.5);
        assertNumber(after, "delivered_people", 4);
        assertNumber(after, "missed_visits", 0);
        assertNumber(after, "not_delivered_hours", 0);
        assertNumber(after, "checked_in_visits", 7);
        assertNumber(after, "late_visits", 2);
    }

    @Test
    void shouldReportNewRotaWhenDraftIsPublishedAfterReport() throws SQLException {
        Map<String, @Nullable String> before = report();
        assertNumber(before, "planned_hours", 5.75);
        assertNumber(before, "planned_visits", 7);
        assertNumber(before, "unassigned_slots", 3);

        // publishing the North draft for its week: the published plan of each day changes
        write(
                "update plans set status = 'SUPERSEDED' where id = ?;"
                        + " update plans set status = 'PUBLISHED', published_at = '2026-11-01 18:00Z' where id = ?;"
                        + " update published_plan_days set plan_id = ? where area_id = ?",
                PUBLISHED_NORTH,
                DRAFT_NORTH,
                DRAFT_NORTH,
                NORTH);

        // North's week now has the draft's one assignment (V3 by carer Two, 0.5 h) and no unmet
        // slot; South keeps V7 (0.75 h) and its unassigned V6; Provider Q keeps V10 (0.5 h)
        assertThat(refresh()).as("North's seven days are recomputed").isEqualTo(7);
        Map<String, @Nullable String> after = report();
        assertNumber(after, "planned_hours", 1.75);
        assertNumber(after, "planned_visits", 3);
        assertNumber(after, "planned_people", 3);
        assertNumber(after, "unassigned_slots", 1);
        assertNumber(after, "unassigned_hours", 0.75);
    }

    @Test
    void shouldReflectChangeWhenReportIsAskedWithoutExplicitRefresh() throws SQLException {
        assertNumber(report(), "commissioned_hours", 13);

        // person One's package (30 min daily in North One) ends on Thursday 5 November
        write("update care_packages set ends_on = '2026-11-05' where id = ?", ReportFixture.id("851"));

        // a read-write report refreshes the stale days itself: three fewer 30-minute visits
        assertNumber(report(), "commissioned_hours", 11.5);
    }

    @Test
    void shouldRefuseReadOnlyReportWhenPeriodWasNeverComputed() throws SQLException {
        // the week after the fixture's: no report has read it, so it has no facts yet
        try (Connection connection = fixture.application()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            ReportFixture.setTenant(connection, "SYSTEM", null);
            try (PreparedStatement statement =
                    connection.prepareStatement("select count(*) from reports_capacity(?::uuid,"
                            + " date '2026-11-09', date '2026-11-15', '{}'::text[], date '2026-11-16')")) {
                statement.setObject(1, SYSTEM_AREA);
                assertThatThrownBy(statement::executeQuery)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("not computed yet")
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"));
            } finally {
                connection.rollback();
            }
        }
        // read-write, the same report computes the week first
        assertThat(fixture.firstRowCommitted(
                        "SYSTEM",
                        null,
                        "select count(*) as groups from reports_capacity(?::uuid, date '2026-11-09',"
                                + " date '2026-11-15', '{}'::text[], date '2026-11-16')",
                        SYSTEM_AREA))
                .containsEntry("groups", "1");
    }

    /** reports_refresh over the fixture's week, committed; returns the days recomputed. */
    private int refresh() throws SQLException {
        String days = fixture.firstRowCommitted("SYSTEM", null, "select reports_refresh(" + WEEK + ") as days")
                .get("days");
        assertThat(days).isNotNull();
        return Integer.parseInt(days);
    }

    /** The whole area's report, ungrouped, as SYSTEM in a read-write transaction (committed). */
    private Map<String, @Nullable String> report() throws SQLException {
        Map<String, @Nullable String> row = fixture.firstRowCommitted("SYSTEM", null, REPORT, SYSTEM_AREA);
        assertThat(row).isNotEmpty();
        return row;
    }

    /** Runs {@code sql} (one or more statements) as the application role acting as SYSTEM, committed. */
    private void write(String sql, Object... args) throws SQLException {
        fixture.commit("SYSTEM", null, sql, args);
    }

    private static void assertNumber(Map<String, @Nullable String> row, String column, double expected) {
        String value = row.get(column);
        assertThat(value).as(column).isNotNull();
        assertThat(new BigDecimal(value).doubleValue()).as(column).isCloseTo(expected, within(1e-9));
    }
}
