package org.carerota.api.carer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.organisation.OrganisationService;
import org.carerota.api.organisation.Pool;
import org.carerota.api.security.Authorities;
import org.carerota.api.shared.graphql.Batches;
import org.carerota.api.shared.pagination.Keyset;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL: carers, their skills, shifts and absences. */
@Controller
class CarerController {

    private final CarerService carers;
    private final OrganisationService organisations;

    /** A carer and a range of days: the key of the shift and absence loaders. */
    record CarerDays(UUID carerId, LocalDate from, LocalDate to) {}

    CarerController(CarerService carers, OrganisationService organisations, BatchLoaderRegistry loaders) {
        this.carers = carers;
        this.organisations = organisations;
        loaders.<CarerDays, List<Shift>>forName("carerShifts")
                .registerMappedBatchLoader((keys, env) -> byRange(keys, carers::shifts));
        loaders.<CarerDays, List<Absence>>forName("carerAbsences")
                .registerMappedBatchLoader((keys, env) -> byRange(keys, carers::absences));
    }

    /** One query per distinct range (normally one for the whole page of carers). */
    private static <T> Mono<Map<CarerDays, List<T>>> byRange(Set<CarerDays> keys, RangeLoader<T> loader) {
        Map<List<LocalDate>, List<CarerDays>> byRange = new HashMap<>();
        keys.forEach(key -> byRange.computeIfAbsent(List.of(key.from(), key.to()), r -> new ArrayList<>())
                .add(key));
        return Flux.fromIterable(byRange.values())
                .concatMap(group -> loader.load(
                                group.stream().map(CarerDays::carerId).toList(),
                                group.get(0).from(),
                                group.get(0).to())
                        .map(found -> group.stream()
                                .collect(Collectors.toMap(
                                        key -> key, key -> found.getOrDefault(key.carerId(), List.<T>of())))))
                .collect(HashMap::new, Map::putAll);
    }

    @FunctionalInterface
    private interface RangeLoader<T> {
        Mono<Map<UUID, List<T>>> load(List<UUID> carerIds, LocalDate from, LocalDate to);
    }

    @SchemaMapping(typeName = "Carer", field = "shifts")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<List<Shift>> shifts(
            Carer carer,
            @Argument LocalDate from,
            @Argument LocalDate to,
            DataLoader<CarerDays, List<Shift>> carerShifts) {
        CarerService.checkRange(from, to);
        return Mono.fromFuture(carerShifts.load(new CarerDays(carer.id(), from, to)));
    }

    @SchemaMapping(typeName = "Carer", field = "absences")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<List<Absence>> absences(
            Carer carer,
            @Argument LocalDate from,
            @Argument LocalDate to,
            DataLoader<CarerDays, List<Absence>> carerAbsences) {
        CarerService.checkRange(from, to);
        return Mono.fromFuture(carerAbsences.load(new CarerDays(carer.id(), from, to)));
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Window<Carer>> carers(
            ScrollSubrange subrange, @Argument @Nullable UUID pool, @Argument @Nullable String skill) {
        return carers.carers(Keyset.of(subrange), pool, skill);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Carer> carer(@Argument UUID id) {
        return carers.carer(id);
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Carer, List<CarerSkill>>> skills(List<Carer> list) {
        return carers.skills(list.stream().map(Carer::id).toList())
                .map(byCarer -> Batches.each(list, carer -> byCarer.getOrDefault(carer.id(), List.of())));
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Carer, Pool>> pool(List<Carer> list) {
        return organisations
                .poolsById(list.stream().map(Carer::poolId).toList())
                .map(byId -> Batches.each(list, carer -> byId.get(carer.poolId())));
    }
}
