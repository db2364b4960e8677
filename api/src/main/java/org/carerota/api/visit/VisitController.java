package org.carerota.api.visit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.organisation.Organisation;
import org.carerota.api.organisation.OrganisationService;
import org.carerota.api.security.Authorities;
import org.carerota.api.serviceuser.ServiceUser;
import org.carerota.api.serviceuser.ServiceUserService;
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

/** GraphQL: visits. */
@Controller
class VisitController {

    private final VisitService visits;
    private final ServiceUserService serviceUsers;
    private final OrganisationService organisations;

    VisitController(VisitService visits, ServiceUserService serviceUsers, OrganisationService organisations) {
        this.visits = visits;
        this.serviceUsers = serviceUsers;
        this.organisations = organisations;
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Window<Visit>> visits(
            @Argument LocalDate from, @Argument LocalDate to, @Argument @Nullable UUID area, ScrollSubrange subrange) {
        return visits.visits(Keyset.of(subrange), from, to, area);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Visit> visit(@Argument UUID id) {
        return visits.visit(id);
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Visit, ServiceUser>> serviceUser(List<Visit> list) {
        return serviceUsers
                .serviceUsersById(list.stream().map(Visit::serviceUserId).toList())
                .map(byId -> Batches.each(list, visit -> byId.get(visit.serviceUserId())));
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Visit, Organisation>> commissioner(List<Visit> list) {
        return organisations
                .organisationsById(list.stream().map(Visit::commissionerId).toList())
                .map(byId -> Batches.each(list, visit -> byId.get(visit.commissionerId())));
    }

    @BatchMapping
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Visit, List<Skill>>> requiredSkills(List<Visit> list) {
        return visits.requiredSkills(list.stream().map(Visit::id).toList())
                .map(bySkill -> Batches.each(list, visit -> bySkill.getOrDefault(visit.id(), List.of())));
    }
}
