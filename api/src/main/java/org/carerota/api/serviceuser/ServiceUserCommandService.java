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
