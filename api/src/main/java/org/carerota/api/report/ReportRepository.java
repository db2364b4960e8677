package org.carerota.api.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The report SQL (infra's {@code R__reports.sql}). Runs inside the caller's transaction: the
 * functions read the caller's {@code carerota.*} settings and scope the report themselves.
 */
@Repository
class ReportRepository {

    /** Whether the caller may report on the area. */
    Mono<Boolean> areaVisible(DatabaseClient db, UUID area) {
        return db.sql("select reports_area_visible(:area) as visible")
                .bind("area", area)
                .map(row -> Boolean.TRUE.equals(row.get("visible", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** The name of an area (areas are public geography). */
    Mono<String> areaName(DatabaseClient db, UUID area) {
        return db.sql("select name from areas where id = :area")
                .bind("area", area)
                .map(row -> row.get("name", String.class))
                .one();
    }

    /**
     * Brings the report facts of the period up to date (infra {@code reports_refresh}): recomputes
     * the days that have none yet or that changed since; returns how many. Needs a read-write
     * transaction.
     */
    Mono<Integer> refresh(DatabaseClient db, LocalDate from, LocalDate to) {
        return db.sql("select reports_refresh(:from, :to) as days")
                .bind("from", from)
                .bind("to", to)
                .map(row -> row.get("days", Integer.class))
                .one()
                .defaultIfEmpty(0);
    }

    /**
     * Recomputes the facts of up to {@code limit} days changed since they were computed, newest
     * first, and forgets the change marks of days that have no facts (infra {@code
     * reports_refresh_stale}).
     */
    Mono<Integer> refreshStale(DatabaseClient db, int limit) {
        return db.sql("select reports_refresh_stale(:limit) as days")
                .bind("limit", limit)
                .map(row -> row.get("days", Integer.class))
                .one()
                .defaultIfEmpty(0);
    }

    /** The capacity report's groups, as the database computes them (before disclosure control). */
    Flux<CapacityRow> capacity(
            DatabaseClient db, UUID area, LocalDate from, LocalDate to, Collection<String> groupBy, LocalDate asOf) {
        return db.sql("select * from reports_capacity(:area, :from, :to, :groupBy, :asOf)")
                .bind("area", area)
                .bind("from", from)
                .bind("to", to)
                .bind("groupBy", groupBy.toArray(String[]::new))
                .bind("asOf", asOf)
                .map(ReportRepository::row)
                .all();
    }

    private static CapacityRow row(Readable row) {
        return new CapacityRow(
                row.get("area_id", UUID.class),
                row.get("area_name", String.class),
                row.get("week", LocalDate.class),
                row.get("day", LocalDate.class),
                row.get("sector", String.class),
                row.get("commissioner_id", UUID.class),
                row.get("commissioner_name", String.class),
                row.get("pool_id", UUID.class),
                row.get("pool_name", String.class),
                hours(row, "commissioned_hours"),
                count(row, "commissioned_people"),
                hours(row, "planned_hours"),
                count(row, "planned_people"),
                count(row, "planned_visits"),
                count(row, "carers_rostered"),
                hours(row, "unassigned_hours"),
                count(row, "unassigned_slots"),
                count(row, "unassigned_people"),
                hours(row, "delivered_hours"),
                count(row, "delivered_people"),
                hours(row, "not_delivered_hours"),
                count(row, "not_delivered_people"),
                count(row, "due_visits"),
                count(row, "checked_in_visits"),
                count(row, "late_visits"),
                count(row, "missed_visits"),
                count(row, "short_visits"),
                hours(row, "shift_hours"),
                hours(row, "absence_hours"),
                hours(row, "used_hours"),
                hours(row, "travel_hours"),
                count(row, "workforce_carers"),
                hours(row, "continuity_sum"),
                count(row, "continuity_units"),
                count(row, "continuity_people"),
                hours(row, "health_on_social_care_hours"),
                hours(row, "social_care_on_health_hours"),
                count(row, "cross_pool_carers"),
                json(row, "leading_reasons"),
                json(row, "cross_pool_flows"));
    }

    private static double hours(Readable row, String column) {
        BigDecimal value = row.get(column, BigDecimal.class);
        return value == null ? 0 : value.doubleValue();
    }

    private static long count(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? 0 : value;
    }

    private static String json(Readable row, String column) {
        @Nullable Object value = row.get(column);
        if (value == null) {
            return "[]";
        }
        if (value instanceof io.r2dbc.postgresql.codec.Json json) {
            return json.asString();
        }
        return value.toString();
    }
}
