package org.carerota.api.serviceuser;

import org.carerota.api.security.Authorities;
import org.carerota.api.serviceuser.ServiceUserCommands.ArchiveServiceUserInput;
import org.carerota.api.serviceuser.ServiceUserCommands.CreateServiceUserInput;
import org.carerota.api.serviceuser.ServiceUserCommands.UpdateServiceUserInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: service user mutations. Maps only. */
@Controller
class ServiceUserCommandController {

    private final ServiceUserCommandService commands;

    ServiceUserCommandController(ServiceUserCommandService commands) {
        this.commands = commands;
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<ServiceUserCommands.CreateServiceUserResult> createServiceUser(@Argument CreateServiceUserInput input) {
        return commands.createServiceUser(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<ServiceUserCommands.UpdateServiceUserResult> updateServiceUser(@Argument UpdateServiceUserInput input) {
        return commands.updateServiceUser(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<ServiceUserCommands.ArchiveServiceUserResult> archiveServiceUser(@Argument ArchiveServiceUserInput input) {
        return commands.archiveServiceUser(input);
    }
}
