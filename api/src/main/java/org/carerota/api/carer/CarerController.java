package org.carerota.api.carer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.organisation.OrganisationService;
import org.carerota.api.organisation.Pool;
import org.carerota.api.security.Authorities;
import org.carerota.api.shared.graphql.Batches;
import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: carers and their skills. */
@Controller
class CarerController {

    private final CarerService carers;
    private final OrganisationService organisations;

    CarerController(CarerService carers, OrganisationService organisations) {
        this.carers = carers;
        this.organisations = organisations;
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
