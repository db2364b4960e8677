package org.carerota.api.organisation;

import org.carerota.api.organisation.OrganisationCommands.ArchiveAreaInput;
import org.carerota.api.organisation.OrganisationCommands.ArchivePoolInput;
import org.carerota.api.organisation.OrganisationCommands.ArchiveSkillInput;
import org.carerota.api.organisation.OrganisationCommands.CreateAreaInput;
import org.carerota.api.organisation.OrganisationCommands.CreatePoolInput;
import org.carerota.api.organisation.OrganisationCommands.CreateSharingAgreementInput;
import org.carerota.api.organisation.OrganisationCommands.CreateSkillInput;
import org.carerota.api.organisation.OrganisationCommands.UpdateOrganisationSettingsInput;
import org.carerota.api.organisation.OrganisationCommands.UpdatePoolInput;
import org.carerota.api.security.Authorities;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: skills, areas, pools, sharing agreements and organisation settings. Maps only. */
@Controller
class OrganisationCommandController {

    private final OrganisationCommandService commands;

    OrganisationCommandController(OrganisationCommandService commands) {
        this.commands = commands;
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.CreateSkillResult> createSkill(@Argument CreateSkillInput input) {
        return commands.createSkill(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.CreateAreaResult> createArea(@Argument CreateAreaInput input) {
        return commands.createArea(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.CreatePoolResult> createPool(@Argument CreatePoolInput input) {
        return commands.createPool(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.UpdatePoolResult> updatePool(@Argument UpdatePoolInput input) {
        return commands.updatePool(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.CreateSharingAgreementResult> createSharingAgreement(
            @Argument CreateSharingAgreementInput input) {
        return commands.createSharingAgreement(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.ADMIN)
    Mono<OrganisationCommands.UpdateOrganisationSettingsResult> updateOrganisationSettings(
            @Argument UpdateOrganisationSettingsInput input) {
        return commands.updateOrganisationSettings(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.ArchiveAreaResult> archiveArea(@Argument ArchiveAreaInput input) {
        return commands.archiveArea(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<OrganisationCommands.ArchivePoolResult> archivePool(@Argument ArchivePoolInput input) {
        return commands.archivePool(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.ADMIN)
    Mono<OrganisationCommands.ArchiveSkillResult> archiveSkill(@Argument ArchiveSkillInput input) {
        return commands.archiveSkill(input);
    }
}
