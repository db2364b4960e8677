package org.carerota.api.visit;

import org.carerota.api.security.Authorities;
import org.carerota.api.visit.VisitCommands.CreateCarePackageInput;
import org.carerota.api.visit.VisitCommands.CreateVisitInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: one-off visits and care packages. Maps only. */
@Controller
class VisitCommandController {

    private final VisitCommandService commands;

    VisitCommandController(VisitCommandService commands) {
        this.commands = commands;
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<VisitCommands.CreateVisitResult> createVisit(@Argument CreateVisitInput input) {
        return commands.createVisit(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<VisitCommands.CreateCarePackageResult> createCarePackage(@Argument CreateCarePackageInput input) {
        return commands.createCarePackage(input);
    }
}
