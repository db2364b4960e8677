package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.carerota.api.shared.pagination.Keyset;
import org.carerota.api.visit.VisitCommandService.NewVisit;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads care packages and their templates; re-aligns a package's future visits. Runs in the caller's transaction. */
@Repository
class CarePackageRepository {

    /** Marks visits this repository cancelled, so that a later edit may bring them back. */
    static final String PACKAGE_CHANGED = "care package changed";

    private static final String PACKAGE = "select p.id, p.service_user_id, p.commissioner_id, p.reference, p.starts_on,"
            + " p.ends_on, p.archived_at is not null as archived, p.version, p.created_at from care_packages p";

    private static final String OWN =
            " p.organisation_id = nullif(current_setting('carerota.organisation_id', true), '')::uuid";

    /** A page of packages in creation order (created_at, id), optionally of one person, archived ones when asked. */
    Flux<CarePackage> page(
            DatabaseClient db, Keyset page, @Nullable UUID serviceUser, @Nullable UUID area, boolean includeArchived) {
        StringBuilder sql = new StringBuilder(PACKAGE).append(" where true");
        if (!includeArchived) {
            sql.append(" and p.archived_at is null");
        }
        if (serviceUser != null) {
            sql.append(" and p.service_user_id = :person");
        }
        if (area != null) {
            sql.append(" and p.service_user_id in (select su.id from service_users su where su.area_id = :area)");
        }
        if (page.after() != null) {
            sql.append(" and (p.created_at, p.id) ")
                    .append(page.comparison())
                    .append(" (cast(:afterCreated as timestamptz), cast(:afterId as uuid))");
        }
        sql.append(" order by p.created_at ")
                .append(page.direction())
                .append(", p.id ")
                .append(page.direction())
                .append(" limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.fetchSize());
        if (serviceUser != null) {
            spec = spec.bind("person", serviceUser);
        }
        if (area != null) {
            spec = spec.bind("area", area);
        }
        if (page.after() != null) {
            spec = spec.bind("afterCreated", page.key("created")).bind("afterId", page.key("id"));
        }
        return spec.map(CarePackageRepository::carePackage).all();
    }

    Flux<CarePackage> byIds(DatabaseClient db, Collection<UUID> ids) {
        return db.sql(PACKAGE + " where p.id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(CarePackageRepository::carePackage)
                .all();
    }

    /** The templates of the packages, by package, window start and id. */
    Flux<VisitTemplate> templates(DatabaseClient db, Collection<UUID> packageIds) {
        return db.sql("select t.id, t.care_package_id, t.label, t.days_of_week, t.every_weeks, t.window_start,"
                        + " t.window_end, t.preferred_start, t.duration_minutes, t.carers_required, t.priority"
                        + " from visit_templates t where t.care_package_id = any(:ids)"
                        + " order by t.care_package_id, t.window_start, t.id")
                .bind("ids", packageIds.toArray(UUID[]::new))
                .map(row -> new VisitTemplate(
                        row.get("id", UUID.class),
                        row.get("care_package_id", UUID.class),
                        row.get("label", String.class),
                        Arrays.stream(row.get("days_of_week", Short[].class))
                                .map(Short::intValue)
                                .sorted()
                                .toList(),
                        row.get("every_weeks", Short.class),
                        row.get("window_start", LocalTime.class),
                        row.get("window_end", LocalTime.class),
                        row.get("preferred_start", LocalTime.class),
                        row.get("duration_minutes", Integer.class),
                        row.get("carers_required", Short.class),
                        row.get("priority", String.class),
                        List.of()))
                .all();
    }

    /** A skill a template requires. */
    record TemplateSkill(UUID templateId, Skill skill) {}

    Flux<TemplateSkill> templateSkills(DatabaseClient db, Collection<UUID> templateIds) {
        return db.sql("select ts.template_id, " + VisitRepository.SKILL_COLUMNS
                        + " from visit_template_skills ts join skills s on s.id = ts.skill_id"
                        + " where ts.template_id = any(:ids) order by s.code")
                .bind("ids", templateIds.toArray(UUID[]::new))
                .map(row -> new TemplateSkill(row.get("template_id", UUID.class), VisitRepository.skill(row)))
                .all();
    }

    /** A package of the caller's organisation, locked for the change, with the person's area. */
    record OwnPackage(CarePackage carePackage, UUID organisation, UUID area) {}

    Mono<OwnPackage> lockOwn(DatabaseClient db, UUID id) {
        return db.sql("select p.id, p.service_user_id, p.commissioner_id, p.reference, p.starts_on, p.ends_on,"
                        + " p.archived_at is not null as archived, p.version, p.created_at, p.organisation_id,"
                        + " su.area_id"
                        + " from care_packages p join service_users su on su.id = p.service_user_id"
                        + " where p.id = :id and" + OWN + " for update of p")
                .bind("id", id)
                .map(row -> new OwnPackage(
                        carePackage(row), row.get("organisation_id", UUID.class), row.get("area_id", UUID.class)))
                .one();
    }

    Mono<Long> update(DatabaseClient db, CarePackage changed, long expectedVersion) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update care_packages set commissioner_id = :commissioner,"
                        + " starts_on = :starts, ends_on = :ends, reference = :reference, version = version + 1"
                        + " where id = :id and version = :version")
                .bind("id", changed.id())
                .bind("version", expectedVersion)
                .bind("commissioner", changed.commissionerId())
                .bind("starts", changed.startsOn());
        spec = changed.endsOn() == null ? spec.bindNull("ends", LocalDate.class) : spec.bind("ends", changed.endsOn());
        spec = changed.reference() == null
                ? spec.bindNull("reference", String.class)
                : spec.bind("reference", changed.reference());
        return spec.fetch().rowsUpdated();
    }

    Mono<Long> archive(DatabaseClient db, UUID id, long expectedVersion) {
        return db.sql("update care_packages set archived_at = coalesce(archived_at, now()), version = version + 1"
                        + " where id = :id and version = :version")
                .bind("id", id)
                .bind("version", expectedVersion)
                .fetch()
                .rowsUpdated();
    }

    /** Changes a template of the package in place and replaces its skills. */
    Mono<Long> updateTemplate(DatabaseClient db, UUID organisation, UUID packageId, VisitTemplateInput t) {
        UUID id = java.util.Objects.requireNonNull(t.id());
        DatabaseClient.GenericExecuteSpec spec = db.sql("update visit_templates set label = :label,"
                        + " days_of_week = cast(:days as smallint[]), every_weeks = :every, window_start = :start,"
                        + " window_end = :end, preferred_start = :preferred, duration_minutes = :duration,"
                        + " carers_required = :carers, priority = :priority, version = version + 1"
                        + " where id = :id and care_package_id = :package")
                .bind("id", id)
                .bind("package", packageId);
        spec = VisitCommandRepository.bindTemplate(spec, t);
        List<String> codes = t.requiredSkills() == null ? List.of() : t.requiredSkills();
        return spec.fetch().rowsUpdated().flatMap(rows -> db.sql(
                        "delete from visit_template_skills where template_id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then(
                        codes.isEmpty()
                                ? Mono.just(0L)
                                : db.sql(
                                                "insert into visit_template_skills (organisation_id, template_id, skill_id)"
                                                        + " select :org, :template, s.id from skills s where s.code = any(:codes)")
                                        .bind("org", organisation)
                                        .bind("template", id)
                                        .bind("codes", codes.toArray(String[]::new))
                                        .fetch()
                                        .rowsUpdated())
                .thenReturn(rows));
    }

    /** Deletes the package's templates not in {@code keep} (their remaining visits keep the package, lose the template). */
    Mono<Long> deleteTemplatesExcept(DatabaseClient db, UUID packageId, Collection<UUID> keep) {
        return db.sql("delete from visit_templates where care_package_id = :package and not (id = any(:keep))")
                .bind("package", packageId)
                .bind("keep", keep.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    /**
     * A visit of the package that starts after {@code now}. {@code fixed}: it must not be touched
     * (started or done, cancelled by someone, on a published rota, or with recorded events);
     * {@code inPlan}: a plan (even a draft) names it, so it is cancelled rather than deleted.
     */
    record PackageVisit(
            UUID id, @Nullable UUID templateId, LocalDate date, boolean fixed, boolean inPlan, boolean cancelled) {}

    Flux<PackageVisit> futureVisits(DatabaseClient db, UUID packageId, OffsetDateTime now) {
        return db.sql("select v.id, v.template_id, v.service_date, v.status = 'CANCELLED' as cancelled,"
                        + " (v.status not in ('PLANNED', 'CANCELLED')"
                        + " or (v.status = 'CANCELLED' and v.cancellation_reason is distinct from :marker)"
                        + " or exists (select 1 from current_assignments a where a.visit_id = v.id)"
                        + " or exists (select 1 from current_unassigned_visits u where u.visit_id = v.id)"
                        + " or exists (select 1 from visit_events e where e.visit_id = v.id)) as fixed,"
                        + " (exists (select 1 from assignments a where a.visit_id = v.id)"
                        + " or exists (select 1 from unassigned_visits u where u.visit_id = v.id)) as in_plan"
                        + " from visits v where v.care_package_id = :package and v.window_start > :now"
                        + " order by v.window_start, v.id")
                .bind("package", packageId)
                .bind("now", now)
                .bind("marker", PACKAGE_CHANGED)
                .map(row -> new PackageVisit(
                        row.get("id", UUID.class),
                        row.get("template_id", UUID.class),
                        row.get("service_date", LocalDate.class),
                        Boolean.TRUE.equals(row.get("fixed", Boolean.class)),
                        Boolean.TRUE.equals(row.get("in_plan", Boolean.class)),
                        Boolean.TRUE.equals(row.get("cancelled", Boolean.class))))
                .all();
    }

    /** Re-times a free visit to its template's new values (and brings it back if this repository cancelled it). */
    Mono<Long> realign(DatabaseClient db, UUID visitId, UUID commissioner, NewVisit v) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update visits set commissioner_id = :commissioner,"
                        + " window_start = :ws, window_end = :we, preferred_start = :pref, duration_minutes = :dur,"
                        + " carers_required = :carers, priority = :priority, status = 'PLANNED', cancelled_at = null,"
                        + " cancellation_reason = null, version = version + 1 where id = :id")
                .bind("id", visitId)
                .bind("commissioner", commissioner)
                .bind("ws", v.windowStart())
                .bind("we", v.windowEnd())
                .bind("dur", v.durationMinutes())
                .bind("carers", (short) v.carersRequired())
                .bind("priority", v.priority());
        spec = v.preferredStart() == null
                ? spec.bindNull("pref", OffsetDateTime.class)
                : spec.bind("pref", v.preferredStart());
        return spec.fetch().rowsUpdated().flatMap(rows -> db.sql(
                        "delete from visit_required_skills where visit_id = :id")
                .bind("id", visitId)
                .fetch()
                .rowsUpdated()
                .then(db.sql("insert into visit_required_skills (organisation_id, visit_id, skill_id)"
                                + " select v.organisation_id, v.id, ts.skill_id from visits v"
                                + " join visit_template_skills ts on ts.template_id = v.template_id"
                                + " where v.id = :id")
                        .bind("id", visitId)
                        .fetch()
                        .rowsUpdated())
                .thenReturn(rows));
    }

    /** Takes free visits away: deleted when no plan names them, otherwise cancelled (a draft keeps its history). */
    Mono<Long> remove(DatabaseClient db, Collection<PackageVisit> visits) {
        UUID[] delete =
                visits.stream().filter(v -> !v.inPlan()).map(PackageVisit::id).toArray(UUID[]::new);
        UUID[] cancel = visits.stream()
                .filter(v -> v.inPlan() && !v.cancelled())
                .map(PackageVisit::id)
                .toArray(UUID[]::new);
        Mono<Long> deleted = delete.length == 0
                ? Mono.just(0L)
                : db.sql("delete from visits where id = any(:ids)")
                        .bind("ids", delete)
                        .fetch()
                        .rowsUpdated();
        Mono<Long> cancelled = cancel.length == 0
                ? Mono.just(0L)
                : db.sql("update visits set status = 'CANCELLED', cancelled_at = now(), cancellation_reason = :marker,"
                                + " version = version + 1 where id = any(:ids)")
                        .bind("ids", cancel)
                        .bind("marker", PACKAGE_CHANGED)
                        .fetch()
                        .rowsUpdated();
        return deleted.zipWith(cancelled, Long::sum);
    }

    static CarePackage carePackage(Readable row) {
        return new CarePackage(
                row.get("id", UUID.class),
                row.get("service_user_id", UUID.class),
                row.get("commissioner_id", UUID.class),
                row.get("reference", String.class),
                row.get("starts_on", LocalDate.class),
                row.get("ends_on", LocalDate.class),
                Boolean.TRUE.equals(row.get("archived", Boolean.class)),
                row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class));
    }
}
