package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

/** Reads visits. Runs inside the caller's transaction. */
@Repository
class VisitRepository {

    private static final String VISIT = "select id, service_user_id, commissioner_id, service_date, window_start,"
            + " window_end, preferred_start, duration_minutes, carers_required, priority, status from visits";

    /** Visits on days {@code from}..{@code to}, ordered by (window_start, id). */
    Flux<Visit> page(DatabaseClient db, Keyset page, LocalDate from, LocalDate to, @Nullable UUID area) {
        StringBuilder sql = new StringBuilder(VISIT).append(" where service_date between :from and :to");
        if (area != null) {
            sql.append(" and area_id = :area");
        }
        if (page.after() != null) {
            sql.append(" and (window_start, id) ")
                    .append(page.comparison())
                    .append(" (cast(:afterStart as timestamptz), cast(:afterId as uuid))");
        }
        sql.append(" order by window_start ")
                .append(page.direction())
                .append(", id ")
                .append(page.direction())
                .append(" limit :limit");
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql.toString()).bind("from", from).bind("to", to).bind("limit", page.fetchSize());
        if (area != null) {
            spec = spec.bind("area", area);
        }
        if (page.after() != null) {
            spec = spec.bind("afterStart", page.key("windowStart")).bind("afterId", page.key("id"));
        }
        return spec.map(VisitRepository::visit).all();
    }

    Flux<Visit> byIds(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(VISIT + " where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(VisitRepository::visit)
                .all();
    }

    Flux<VisitSkill> requiredSkills(DatabaseClient db, Collection<UUID> visitIds) {
        return db.sql("select vs.visit_id, " + SKILL_COLUMNS + " from visit_required_skills vs"
                        + " join skills s on s.id = vs.skill_id where vs.visit_id = any(:ids) order by s.code")
                .bind("ids", visitIds.toArray(UUID[]::new))
                .map(row -> new VisitSkill(row.get("visit_id", UUID.class), skill(row)))
                .all();
    }

    record VisitSkill(UUID visitId, Skill skill) {}

    /** The columns {@link #skill} reads, of skills aliased {@code s}: a visit's and a template's skills alike. */
    static final String SKILL_COLUMNS = "s.code, s.name, s.category, s.version, s.archived_at is not null as archived";

    /** A skill from a row selecting {@link #SKILL_COLUMNS}. */
    static Skill skill(Readable row) {
        return new Skill(
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("category", String.class),
                row.get("version", Long.class),
                Boolean.TRUE.equals(row.get("archived", Boolean.class)));
    }

    static Visit visit(Readable row) {
        return new Visit(
                row.get("id", UUID.class),
                row.get("service_user_id", UUID.class),
                row.get("commissioner_id", UUID.class),
                row.get("service_date", LocalDate.class),
                row.get("window_start", OffsetDateTime.class),
                row.get("window_end", OffsetDateTime.class),
                row.get("preferred_start", OffsetDateTime.class),
                row.get("duration_minutes", Integer.class),
                row.get("carers_required", Short.class),
                row.get("priority", String.class),
                row.get("status", String.class));
    }
}
