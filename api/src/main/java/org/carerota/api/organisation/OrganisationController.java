package org.carerota.api.organisation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.security.Authorities;
import org.carerota.api.shared.graphql.Batches;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL: organisations, pools and areas. */
@Controller
class OrganisationController {

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @QueryMapping
    @PreAuthorize(Authorities.SIGNED_IN)
    Flux<Organisation> organisations() {
        return organisations.organisations();
    }

    @QueryMapping
    @PreAuthorize(Authorities.SIGNED_IN)
    Mono<Organisation> organisation(@Argument UUID id) {
        return organisations.organisation(id);
    }

    @QueryMapping
    @PreAuthorize(Authorities.SIGNED_IN)
    Flux<Pool> pools() {
        return organisations.pools();
    }

    @QueryMapping
    @PreAuthorize(Authorities.SIGNED_IN)
    Flux<Area> areas() {
        return organisations.areas();
    }

    @QueryMapping
    @PreAuthorize(Authorities.SIGNED_IN)
    Flux<OrganisationCommands.CatalogueSkill> skills(@Argument @Nullable Boolean includeArchived) {
        return organisations.skills(Boolean.TRUE.equals(includeArchived));
    }

    /** Only the caller's own organisation's settings; null for the others. */
    @BatchMapping(typeName = "Organisation", field = "settings")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<Organisation, OrganisationSettings>> settings(List<Organisation> owners) {
        return organisations
                .settings(owners.stream().map(Organisation::id).toList())
                .map(byId -> Batches.each(owners, owner -> byId.get(owner.id())));
    }

    @BatchMapping(typeName = "Organisation", field = "pools")
    @PreAuthorize(Authorities.SIGNED_IN)
    Mono<Map<Organisation, List<Pool>>> pools(List<Organisation> owners) {
        return organisations
                .poolsByOwner(owners.stream().map(Organisation::id).toList())
                .map(byOwner -> Batches.each(owners, owner -> byOwner.getOrDefault(owner.id(), List.of())));
    }

    @BatchMapping(typeName = "Pool", field = "organisation")
    @PreAuthorize(Authorities.SIGNED_IN)
    Mono<Map<Pool, Organisation>> organisation(List<Pool> pools) {
        return organisations
                .organisationsById(pools.stream().map(Pool::organisationId).toList())
                .map(byId -> Batches.each(pools, pool -> byId.get(pool.organisationId())));
    }

    @BatchMapping(typeName = "Pool", field = "serves")
    @PreAuthorize(Authorities.SIGNED_IN)
    Mono<Map<Pool, List<Organisation>>> serves(List<Pool> pools) {
        return organisations
                .commissionersServed(pools.stream().map(Pool::id).toList())
                .map(byPool -> Batches.each(pools, pool -> byPool.getOrDefault(pool.id(), List.of())));
    }

    @BatchMapping(typeName = "Area", field = "parent")
    @PreAuthorize(Authorities.SIGNED_IN)
    Mono<Map<Area, Area>> parent(List<Area> areas) {
        List<UUID> parents = areas.stream()
                .map(Area::parentId)
                .filter(java.util.Objects::nonNull)
                .toList();
        return organisations
                .areasById(parents)
                .map(byId -> Batches.each(areas, area -> area.parentId() == null ? null : byId.get(area.parentId())));
    }
}
