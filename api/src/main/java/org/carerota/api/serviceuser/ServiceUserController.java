package org.carerota.api.serviceuser;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.carerota.api.carer.Carer;
import org.carerota.api.carer.CarerService;
import org.carerota.api.organisation.Area;
import org.carerota.api.organisation.OrganisationService;
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

/** GraphQL: service users. */
@Controller
class ServiceUserController {

    private final ServiceUserService serviceUsers;
    private final OrganisationService organisations;

    private final CarerService carers;

    ServiceUserController(ServiceUserService serviceUsers, OrganisationService organisations, CarerService carers) {
        this.serviceUsers = serviceUsers;
        this.organisations = organisations;
        this.carers = carers;
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<ServiceUser, List<Carer>>> preferredCarers(List<ServiceUser> list) {
        return carerList(list, "PREFERRED");
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<ServiceUser, List<Carer>>> bannedCarers(List<ServiceUser> list) {
        return carerList(list, "BANNED");
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<ServiceUser, List<Carer>>> regularCarers(List<ServiceUser> list) {
        return carerList(list, "REGULAR");
    }

    /** Two queries for the whole batch: the links, then the carers the caller may see, by name. */
    private Mono<Map<ServiceUser, List<Carer>>> carerList(List<ServiceUser> list, String relation) {
        return serviceUsers
                .carerIds(list.stream().map(ServiceUser::id).toList(), relation)
                .flatMap(byPerson -> carers.carersById(byPerson.values().stream()
                                .flatMap(List::stream)
                                .distinct()
                                .toList())
                        .map(byId -> Batches.each(list, su -> byPerson.getOrDefault(su.id(), List.of()).stream()
                                .map(byId::get)
                                .filter(Objects::nonNull)
                                .sorted(Comparator.comparing(Carer::name).thenComparing(Carer::id))
                                .toList())));
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Window<ServiceUser>> serviceUsers(ScrollSubrange subrange, @Argument @Nullable UUID area) {
        return serviceUsers.serviceUsers(Keyset.of(subrange), area);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<ServiceUser> serviceUser(@Argument UUID id) {
        return serviceUsers.serviceUser(id);
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<ServiceUser, String>> accessNotes(List<ServiceUser> list) {
        return serviceUsers
                .accessNotes(list.stream().map(ServiceUser::id).toList())
                .map(byId -> Batches.each(list, su -> byId.get(su.id())));
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<ServiceUser, Area>> area(List<ServiceUser> list) {
        return organisations
                .areasById(list.stream().map(ServiceUser::areaId).toList())
                .map(byId -> Batches.each(list, su -> byId.get(su.areaId())));
    }
}
