package org.carerota.api.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.carerota.api.visit.VisitCommandService.NewVisit;
import org.carerota.api.visit.VisitCommands.CreateCarePackageInput;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Writes visits, care packages and templates. Runs inside the caller's transaction. */
@Repository
class VisitCommandRepository {

    /** A person of the caller's organisation: their organisation and area. */
    record Person(UUID id, UUID organisation, UUID area) {}

    Mono<Person> person(DatabaseClient db, UUID id) {
        return db.sql("select id, organisation_id, area_id from service_users where id = :id and archived_at is null"
                        + " and organisation_id = nullif(current_setting('carerota.organisation_id', true), '')::uuid")
                .bind("id", id)
                .map(row -> new Person(
                        row.get("id", UUID.class),
                        row.get("organisation_id", UUID.class),
                        row.get("area_id", UUID.class)))
                .one();
    }

    /** A person of the caller's organisation (not archived) by external reference or id. */
    Mono<UUID> serviceUserByRefOrId(DatabaseClient db, String refOrId) {
        UUID id = uuid(refOrId);
        return db.sql("select id from service_users where archived_at is null and organisation_id ="
                        + " nullif(current_setting('carerota.organisation_id', true), '')::uuid and "
                        + (id == null ? "external_ref = :key" : "id = :key") + " limit 1")
                .bind("key", id == null ? refOrId : id)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** An organisation the caller may see, by id, ODS code, external reference or name (case ignored; one match only). */
    Mono<UUID> organisationByIdOdsOrName(DatabaseClient db, String key) {
        UUID id = uuid(key);
        if (id != null) {
            return db.sql("select id from organisations where id = :id")
                    .bind("id", id)
                    .map(row -> row.get("id", UUID.class))
                    .one();
        }
        return db.sql("select id from organisations where archived_at is null and (ods_code = :key"
                        + " or external_ref = :key or lower(name) = lower(:key))")
                .bind("key", key)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .flatMap(ids -> ids.size() == 1 ? Mono.just(ids.get(0)) : Mono.empty());
    }

    static @Nullable UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Mono<Boolean> commissionerExists(DatabaseClient db, UUID id) {
        return db.sql("select exists (select 1 from organisations where id = :id) as present")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    Mono<List<String>> unknownSkills(DatabaseClient db, List<String> codes) {
        if (codes.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select c from unnest(cast(:codes as text[])) c where not exists"
                        + " (select 1 from skills s where s.code = c and s.archived_at is null)")
                .bind("codes", codes.toArray(String[]::new))
                .map(row -> row.get("c", String.class))
                .all()
                .collectList();
    }

    Mono<UUID> insertPackage(DatabaseClient db, Person person, CreateCarePackageInput in) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into care_packages (organisation_id, service_user_id,"
                        + " commissioner_id, reference, starts_on, ends_on) values (:org, :person, :commissioner,"
                        + " :reference, :starts, :ends) returning id")
                .bind("org", person.organisation())
                .bind("person", person.id())
                .bind("commissioner", in.commissionerId())
                .bind("starts", in.startsOn());
        spec = in.reference() == null
                ? spec.bindNull("reference", String.class)
                : spec.bind("reference", in.reference());
        spec = in.endsOn() == null ? spec.bindNull("ends", java.time.LocalDate.class) : spec.bind("ends", in.endsOn());
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    /**
     * Binds a template's values to {@code :label}, {@code :days}, {@code :every}, {@code :start},
     * {@code :end}, {@code :preferred}, {@code :duration}, {@code :carers} and {@code :priority}, with
     * the defaults of an input that leaves them out: inserting a template and changing one in place
     * store the same columns the same way.
     */
    static DatabaseClient.GenericExecuteSpec bindTemplate(
            DatabaseClient.GenericExecuteSpec spec, VisitTemplateInput t) {
        spec = spec.bind("days", t.daysOfWeek().stream().map(String::valueOf).toArray(String[]::new))
                .bind("every", (short) (t.everyWeeks() == null ? 1 : t.everyWeeks()))
                .bind("start", t.windowStart())
                .bind("end", t.windowEnd())
                .bind("duration", t.durationMinutes())
                .bind("carers", (short) (t.carersRequired() == null ? 1 : t.carersRequired()))
                .bind("priority", t.priority() == null ? "NORMAL" : t.priority());
        spec = t.label() == null ? spec.bindNull("label", String.class) : spec.bind("label", t.label());
        return t.preferredStart() == null
                ? spec.bindNull("preferred", java.time.LocalTime.class)
                : spec.bind("preferred", t.preferredStart());
    }

    Mono<UUID> insertTemplate(DatabaseClient db, Person person, UUID packageId, VisitTemplateInput t) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into visit_templates (organisation_id, care_package_id,"
                        + " label, days_of_week, every_weeks, window_start, window_end, preferred_start,"
                        + " duration_minutes, carers_required, priority) values (:org, :package, :label,"
                        + " cast(:days as smallint[]), :every, :start, :end, :preferred, :duration, :carers, :priority)"
                        + " returning id")
                .bind("org", person.organisation())
                .bind("package", packageId);
        return bindTemplate(spec, t).map(row -> row.get("id", UUID.class)).one().flatMap(id -> (t.requiredSkills()
                                        == null
                                || t.requiredSkills().isEmpty()
                        ? Mono.just(0L)
                        : db.sql("insert into visit_template_skills (organisation_id, template_id, skill_id)"
                                        + " select :org, :template, s.id from skills s where s.code = any(:codes)")
                                .bind("org", person.organisation())
                                .bind("template", id)
                                .bind("codes", t.requiredSkills().toArray(String[]::new))
                                .fetch()
                                .rowsUpdated())
                .thenReturn(id));
    }

    /** Inserts visits (one statement; a template's visit of a day that exists already is skipped), then their skills. */
    Mono<List<UUID>> insertVisits(
            DatabaseClient db,
            Person person,
            UUID commissioner,
            @Nullable UUID packageId,
            List<UUID> templateIds,
            List<NewVisit> visits,
            @Nullable String note) {
        if (visits.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> templates = new ArrayList<>();
        visits.forEach(v -> templates.add(
                v.template() == null ? null : templateIds.get(v.template()).toString()));
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into visits (organisation_id, service_user_id,"
                        + " commissioner_id, care_package_id, template_id, area_id, window_start, window_end,"
                        + " preferred_start, duration_minutes, carers_required, priority, note)"
                        + " select :org, :person, :commissioner, :package, x.template, :area, x.ws, x.we, x.pref, x.dur,"
                        + " x.carers, x.priority, :note from unnest(cast(:templates as uuid[]), cast(:ws as timestamptz[]),"
                        + " cast(:we as timestamptz[]), cast(:pref as timestamptz[]), cast(:dur as int[]),"
                        + " cast(:carers as smallint[]), cast(:priority as text[]))"
                        + " as x(template, ws, we, pref, dur, carers, priority)"
                        + " on conflict (template_id, service_date) where template_id is not null do nothing"
                        + " returning id, window_start")
                .bind("org", person.organisation())
                .bind("person", person.id())
                .bind("commissioner", commissioner)
                .bind("area", person.area())
                .bind("templates", templates.toArray(String[]::new))
                .bind("ws", visits.stream().map(v -> v.windowStart().toString()).toArray(String[]::new))
                .bind("we", visits.stream().map(v -> v.windowEnd().toString()).toArray(String[]::new))
                .bind(
                        "pref",
                        visits.stream()
                                .map(v -> v.preferredStart() == null
                                        ? null
                                        : v.preferredStart().toString())
                                .toArray(String[]::new))
                .bind(
                        "dur",
                        visits.stream()
                                .map(v -> String.valueOf(v.durationMinutes()))
                                .toArray(String[]::new))
                .bind(
                        "carers",
                        visits.stream()
                                .map(v -> String.valueOf(v.carersRequired()))
                                .toArray(String[]::new))
                .bind("priority", visits.stream().map(NewVisit::priority).toArray(String[]::new));
        spec = packageId == null ? spec.bindNull("package", UUID.class) : spec.bind("package", packageId);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        return spec.map(row -> row.get("id", UUID.class)).all().collectList().flatMap(ids -> {
            if (ids.isEmpty()) {
                return Mono.just(ids);
            }
            // skills: from the template for template visits, from the input for one-off visits
            return db.sql("insert into visit_required_skills (organisation_id, visit_id, skill_id)"
                            + " select v.organisation_id, v.id, ts.skill_id from visits v"
                            + " join visit_template_skills ts on ts.template_id = v.template_id where v.id = any(:ids)"
                            + " on conflict do nothing")
                    .bind("ids", ids.toArray(UUID[]::new))
                    .fetch()
                    .rowsUpdated()
                    .then(
                            visits.get(0).template() != null
                                            || visits.get(0).skills().isEmpty()
                                    ? Mono.just(0L)
                                    : db.sql("insert into visit_required_skills (organisation_id, visit_id, skill_id)"
                                                    + " select :org, v, s.id from unnest(cast(:ids as uuid[])) v, skills s"
                                                    + " where s.code = any(:codes) on conflict do nothing")
                                            .bind("org", person.organisation())
                                            .bind("ids", ids.toArray(UUID[]::new))
                                            .bind(
                                                    "codes",
                                                    visits.get(0).skills().toArray(String[]::new))
                                            .fetch()
                                            .rowsUpdated())
                    .thenReturn(ids);
        });
    }
}
