package org.carerota.api.visit;

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
import org.carerota.api.visit.VisitCommands.ArchiveCarePackageInput;
import org.carerota.api.visit.VisitCommands.UpdateCarePackageInput;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: care packages, their templates, and their edits. Maps only. */
@Controller
class CarePackageController {

    private final CarePackageService packages;
    private final ServiceUserService serviceUsers;
    private final OrganisationService organisations;

    CarePackageController(
            CarePackageService packages, ServiceUserService serviceUsers, OrganisationService organisations) {
        this.packages = packages;
        this.serviceUsers = serviceUsers;
        this.organisations = organisations;
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<Window<CarePackage>> carePackages(
            ScrollSubrange subrange,
            @Argument @Nullable UUID serviceUser,
            @Argument @Nullable UUID area,
            @Argument @Nullable Boolean includeArchived) {
        return packages.carePackages(Keyset.of(subrange), serviceUser, area, Boolean.TRUE.equals(includeArchived));
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarePackage> carePackage(@Argument UUID id) {
        return packages.carePackage(id);
    }

    @BatchMapping(typeName = "CarePackage", field = "templates")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<CarePackage, List<VisitTemplate>>> templates(List<CarePackage> list) {
        return packages.templates(list.stream().map(CarePackage::id).toList())
                .map(byPackage -> Batches.each(list, p -> byPackage.getOrDefault(p.id(), List.of())));
    }

    @BatchMapping(typeName = "CarePackage", field = "serviceUser")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<CarePackage, ServiceUser>> serviceUser(List<CarePackage> list) {
        return serviceUsers
                .serviceUsersById(list.stream().map(CarePackage::serviceUserId).toList())
                .map(byId -> Batches.each(list, p -> byId.get(p.serviceUserId())));
    }

    @BatchMapping(typeName = "CarePackage", field = "commissioner")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<CarePackage, Organisation>> commissioner(List<CarePackage> list) {
        return organisations
                .organisationsById(
                        list.stream().map(CarePackage::commissionerId).toList())
                .map(byId -> Batches.each(list, p -> byId.get(p.commissionerId())));
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<VisitCommands.UpdateCarePackageResult> updateCarePackage(@Argument UpdateCarePackageInput input) {
        return packages.updateCarePackage(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<VisitCommands.ArchiveCarePackageResult> archiveCarePackage(@Argument ArchiveCarePackageInput input) {
        return packages.archiveCarePackage(input);
    }
}
