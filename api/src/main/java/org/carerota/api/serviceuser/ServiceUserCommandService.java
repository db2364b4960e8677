package org.carerota.api.serviceuser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerota.api.security.AccessNotes;
import org.carerota.api.security.Callers;
import org.carerota.api.serviceuser.ServiceUserCommands.ArchiveServiceUserInput;
import org.carerota.api.serviceuser.ServiceUserCommands.CreateServiceUserInput;
import org.carerota.api.serviceuser.ServiceUserCommands.ServiceUserInvalid;
import org.carerota.api.serviceuser.ServiceUserCommands.ServiceUserNotFound;
import org.carerota.api.serviceuser.ServiceUserCommands.ServiceUserSaved;
import org.carerota.api.serviceuser.ServiceUserCommands.StaleServiceUser;
import org.carerota.api.serviceuser.ServiceUserCommands.UpdateServiceUserInput;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Creates, changes and archives service users of the caller's organisation: access notes sealed
 * (encrypted) before they are written, preferred/banned/regular carers replaced as given, optimistic
 * locking on every change. Writes are audited by the database's triggers.
 */
@Service
public class ServiceUserCommandService {

    private final Transactions transactions;
    private final ServiceUserCommandRepository repository;
    private final ServiceUserRepository reads;
    private final AccessNotes accessNotes;
    private final Callers callers;

    ServiceUserCommandService(
            Transactions transactions,
            ServiceUserCommandRepository repository,
            ServiceUserRepository reads,
            AccessNotes accessNotes,
            Callers callers) {
        this.transactions = transactions;
        this.repository = repository;
        this.reads = reads;
        this.accessNotes = accessNotes;
        this.callers = callers;
    }

    public Mono<ServiceUserCommands.CreateServiceUserResult> createServiceUser(CreateServiceUserInput in) {
        ServiceUserInvalid invalid = validate(in);
        if (invalid != null) {
            return Mono.just(invalid);
        }
        UUID id = UUID.randomUUID();
        AccessNotes.Sealed sealed = accessNotes.seal(id, in.accessNotes());
        return organisation()
                .flatMap(org -> transactions.write(db -> repository
                        .areaExists(db, in.area())
                        .flatMap(area -> !area
                                ? Mono.just((ServiceUserCommands.CreateServiceUserResult)
                                        ServiceUserInvalid.of("area", "no such area"))
                                : missingCarers(db, in.preferredCarers(), in.bannedCarers(), in.regularCarers())
                                        .flatMap(missing -> !missing.isEmpty()
                                                ? Mono.just((ServiceUserCommands.CreateServiceUserResult)
                                                        ServiceUserInvalid.of(
                                                                "preferredCarers", "unknown carer(s): " + missing))
                                                : repository
                                                        .insert(db, id, org, in, sealed)
                                                        .then(repository.replaceCarers(
                                                                db,
                                                                id,
                                                                org,
                                                                relations(
                                                                        in.preferredCarers(),
                                                                        in.bannedCarers(),
                                                                        in.regularCarers())))
                                                        .then(reads.byIds(db, List.of(id))
                                                                .next())
                                                        .map(ServiceUserSaved::new)))));
    }

    public Mono<ServiceUserCommands.UpdateServiceUserResult> updateServiceUser(UpdateServiceUserInput in) {
        ServiceUserInvalid invalid = validate(
                in.name() == null ? "x" : in.name(),
                in.lat() == null ? 0 : in.lat(),
                in.lon() == null ? 0 : in.lon(),
                in.postcode(),
                in.address(),
                in.genderPreference(),
                in.accessNotes(),
                in.preferredCarers(),
                in.bannedCarers(),
                in.regularCarers());
        if (invalid != null) {
            return Mono.just(invalid);
        }
        AccessNotes.Sealed sealed = in.accessNotes() == null ? null : accessNotes.seal(in.id(), in.accessNotes());
        boolean carersGiven = in.preferredCarers() != null || in.bannedCarers() != null || in.regularCarers() != null;
        return transactions.write(db -> repository
                .version(db, in.id())
                .flatMap(current -> {
                    if (current.version() != in.expectedVersion()) {
                        return Mono.just(
                                (ServiceUserCommands.UpdateServiceUserResult) StaleServiceUser.of(current.version()));
                    }
                    Mono<Boolean> area = in.area() == null ? Mono.just(true) : repository.areaExists(db, in.area());
                    return area.flatMap(ok -> !ok
                            ? Mono.just((ServiceUserCommands.UpdateServiceUserResult)
                                    ServiceUserInvalid.of("area", "no such area"))
                            : missingCarers(db, in.preferredCarers(), in.bannedCarers(), in.regularCarers())
                                    .flatMap(missing -> !missing.isEmpty()
                                            ? Mono.just(
                                                    (ServiceUserCommands.UpdateServiceUserResult) ServiceUserInvalid.of(
                                                            "preferredCarers", "unknown carer(s): " + missing))
                                            : repository
                                                    .update(db, in, sealed)
                                                    .then(
                                                            carersGiven
                                                                    ? repository.replaceCarers(
                                                                            db,
                                                                            in.id(),
                                                                            current.organisation(),
                                                                            relations(
                                                                                    in.preferredCarers(),
                                                                                    in.bannedCarers(),
                                                                                    in.regularCarers()))
                                                                    : Mono.just(0L))
                                                    .then(reads.byIds(db, List.of(in.id()))
                                                            .next())
                                                    .map(ServiceUserSaved::new)));
                })
                .defaultIfEmpty(ServiceUserNotFound.of(in.id())));
    }

    public Mono<ServiceUserCommands.ArchiveServiceUserResult> archiveServiceUser(ArchiveServiceUserInput in) {
        return transactions.write(db -> repository
                .version(db, in.id())
                .flatMap(current -> current.version() != in.expectedVersion()
                        ? Mono.just(
                                (ServiceUserCommands.ArchiveServiceUserResult) StaleServiceUser.of(current.version()))
                        : repository
                                .archive(db, in.id())
                                .then(reads.byIds(db, List.of(in.id())).next())
                                .map(ServiceUserSaved::new))
                .defaultIfEmpty(ServiceUserNotFound.of(in.id())));
    }

    /**
     * Imports service users all-or-nothing (the CSV import): the area and the carers are named as in
     * a spreadsheet (area id or name; carer id or external reference) and resolved here; every row is
     * validated as by {@link #createServiceUser}; any problem and nothing is written (one transaction,
     * rolled back). Answers the problems (empty: all imported).
     */
    public Mono<List<ImportProblem>> importServiceUsers(List<ServiceUserImportRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        Set<String> areaKeys = new java.util.LinkedHashSet<>();
        Set<String> carerKeys = new java.util.LinkedHashSet<>();
        Set<String> refs = new java.util.LinkedHashSet<>();
        rows.forEach(r -> {
            areaKeys.add(r.area());
            carerKeys.addAll(r.preferredCarers());
            carerKeys.addAll(r.bannedCarers());
            carerKeys.addAll(r.regularCarers());
            if (r.externalRef() != null) {
                refs.add(r.externalRef());
            }
        });
        return organisation().flatMap(org -> transactions
                .write(db -> repository
                        .areasByIdOrName(db, areaKeys)
                        .zipWith(repository.carersByIdOrRef(db, carerKeys))
                        .zipWith(repository.existingRefs(db, refs))
                        .flatMap(t -> {
                            Map<String, List<UUID>> areas = t.getT1().getT1();
                            Map<String, UUID> carers = t.getT1().getT2();
                            Set<String> taken = new HashSet<>(t.getT2());
                            List<ImportProblem> problems = new ArrayList<>();
                            List<Map.Entry<UUID, CreateServiceUserInput>> inputs = new ArrayList<>();
                            for (int i = 0; i < rows.size(); i++) {
                                ServiceUserImportRow r = rows.get(i);
                                int before = problems.size();
                                List<UUID> found = areas.getOrDefault(r.area(), List.of());
                                if (found.isEmpty()) {
                                    problems.add(new ImportProblem(
                                            i, "area", r.area(), "no such area (id or name; not archived)"));
                                } else if (found.size() > 1) {
                                    problems.add(new ImportProblem(
                                            i, "area", r.area(), "several areas have this name: give the id"));
                                }
                                List<UUID> preferred =
                                        carerIds(i, "preferredCarers", r.preferredCarers(), carers, problems);
                                List<UUID> banned = carerIds(i, "bannedCarers", r.bannedCarers(), carers, problems);
                                List<UUID> regular = carerIds(i, "regularCarers", r.regularCarers(), carers, problems);
                                if (r.externalRef() != null && taken.contains(r.externalRef())) {
                                    problems.add(new ImportProblem(
                                            i, "externalRef", r.externalRef(), "a person with this reference exists"));
                                }
                                if (problems.size() > before) {
                                    continue;
                                }
                                CreateServiceUserInput in = new CreateServiceUserInput(
                                        r.name(),
                                        found.get(0),
                                        r.lat(),
                                        r.lon(),
                                        r.postcode(),
                                        r.address(),
                                        r.gender(),
                                        r.genderPreference(),
                                        r.accessNotes(),
                                        preferred,
                                        banned,
                                        regular,
                                        r.externalRef());
                                ServiceUserInvalid invalid = validate(in);
                                if (invalid != null) {
                                    problems.add(new ImportProblem(i, invalid.field(), "", invalid.reason()));
                                    continue;
                                }
                                inputs.add(Map.entry(UUID.randomUUID(), in));
                            }
                            if (!problems.isEmpty()) {
                                return Mono.just(problems);
                            }
                            return reactor.core.publisher.Flux.fromIterable(inputs)
                                    .concatMap(e -> repository
                                            .insert(
                                                    db,
                                                    e.getKey(),
                                                    org,
                                                    e.getValue(),
                                                    accessNotes.seal(
                                                            e.getKey(),
                                                            e.getValue().accessNotes()))
                                            .then(repository.replaceCarers(
                                                    db,
                                                    e.getKey(),
                                                    org,
                                                    relations(
                                                            e.getValue().preferredCarers(),
                                                            e.getValue().bannedCarers(),
                                                            e.getValue().regularCarers()))))
                                    .then(Mono.just(List.<ImportProblem>of()));
                        }))
                .onErrorResume(
                        org.springframework.dao.DataIntegrityViolationException.class,
                        e -> Mono.just(List.of(new ImportProblem(
                                -1, "", "", "the database refused the import (a duplicate reference?)")))));
    }

    private static List<UUID> carerIds(
            int index, String field, List<String> keys, Map<String, UUID> carers, List<ImportProblem> problems) {
        List<UUID> ids = new ArrayList<>();
        for (String key : keys) {
            UUID id = carers.get(key);
            if (id == null) {
                problems.add(new ImportProblem(index, field, key, "no such carer (id or external reference)"));
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * A person of an import, with the area and carers as a spreadsheet names them.
     *
     * @param area the area's id or name
     * @param preferredCarers carers' ids or external references
     */
    public record ServiceUserImportRow(
            @Nullable String externalRef,
            String name,
            String area,
            double lat,
            double lon,
            @Nullable String postcode,
            @Nullable String address,
            @Nullable String gender,
            @Nullable String genderPreference,
            @Nullable String accessNotes,
            List<String> preferredCarers,
            List<String> bannedCarers,
            List<String> regularCarers) {}

    /**
     * A problem of one row of an import.
     *
     * @param index the row (0-based, in the order given; -1: the whole import)
     * @param field the field of {@code CreateServiceUserInput}, as the mutation names it
     * @param value what was given
     */
    public record ImportProblem(int index, String field, String value, String reason) {}

    private static @Nullable ServiceUserInvalid validate(CreateServiceUserInput in) {
        ServiceUserInvalid invalid = validate(
                in.name(),
                in.lat(),
                in.lon(),
                in.postcode(),
                in.address(),
                in.genderPreference(),
                in.accessNotes(),
                in.preferredCarers(),
                in.bannedCarers(),
                in.regularCarers());
        if (invalid == null && in.gender() != null && !Set.of("F", "M", "X").contains(in.gender())) {
            invalid = ServiceUserInvalid.of("gender", "must be F, M or X");
        }
        if (invalid == null && in.externalRef() != null && in.externalRef().length() > 200) {
            invalid = ServiceUserInvalid.of("externalRef", "at most 200 characters");
        }
        return invalid;
    }

    private Mono<UUID> organisation() {
        return callers.current()
                .flatMap(caller -> Mono.justOrEmpty(caller.organisationId()))
                .switchIfEmpty(Mono.error(new AccessDeniedException("no organisation")));
    }

    private Mono<List<UUID>> missingCarers(
            org.springframework.r2dbc.core.DatabaseClient db,
            @Nullable List<UUID> preferred,
            @Nullable List<UUID> banned,
            @Nullable List<UUID> regular) {
        Set<UUID> all = new HashSet<>();
        for (List<UUID> list : java.util.Arrays.asList(preferred, banned, regular)) {
            if (list != null) {
                all.addAll(list);
            }
        }
        return all.isEmpty() ? Mono.just(List.of()) : repository.missingCarers(db, all);
    }

    private static List<Map.Entry<UUID, String>> relations(
            @Nullable List<UUID> preferred, @Nullable List<UUID> banned, @Nullable List<UUID> regular) {
        List<Map.Entry<UUID, String>> result = new ArrayList<>();
        if (preferred != null) {
            preferred.stream().distinct().forEach(id -> result.add(Map.entry(id, "PREFERRED")));
        }
        if (banned != null) {
            banned.stream().distinct().forEach(id -> result.add(Map.entry(id, "BANNED")));
        }
        if (regular != null) {
            regular.stream().distinct().forEach(id -> result.add(Map.entry(id, "REGULAR")));
        }
        return result;
    }

    private static @Nullable ServiceUserInvalid validate(
            String name,
            double lat,
            double lon,
            @Nullable String postcode,
            @Nullable String address,
            @Nullable String genderPreference,
            @Nullable String notes,
            @Nullable List<UUID> preferred,
            @Nullable List<UUID> banned,
            @Nullable List<UUID> regular) {
        if (name.isBlank() || name.length() > 200) {
            return ServiceUserInvalid.of("name", "must be 1 to 200 characters");
        }
        if (lat < -90 || lat > 90 || Double.isNaN(lat)) {
            return ServiceUserInvalid.of("lat", "must be between -90 and 90");
        }
        if (lon < -180 || lon > 180 || Double.isNaN(lon)) {
            return ServiceUserInvalid.of("lon", "must be between -180 and 180");
        }
        if (postcode != null && postcode.length() > 16) {
            return ServiceUserInvalid.of("postcode", "at most 16 characters");
        }
        if (address != null && address.length() > 500) {
            return ServiceUserInvalid.of("address", "at most 500 characters");
        }
        if (genderPreference != null && !Set.of("F", "M").contains(genderPreference)) {
            return ServiceUserInvalid.of("genderPreference", "must be F or M");
        }
        if (notes != null && notes.length() > 2000) {
            return ServiceUserInvalid.of("accessNotes", "at most 2000 characters");
        }
        if (preferred != null && banned != null && preferred.stream().anyMatch(banned::contains)) {
            return ServiceUserInvalid.of("bannedCarers", "a carer cannot be both preferred and banned");
        }
        for (List<UUID> list : java.util.Arrays.asList(preferred, banned, regular)) {
            if (list != null && list.size() > 50) {
                return ServiceUserInvalid.of("preferredCarers", "at most 50 carers per list");
            }
        }
        return null;
    }
}
