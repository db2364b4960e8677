package org.carerota.api.carer;

import org.carerota.api.carer.CarerCommands.AddShiftInput;
import org.carerota.api.carer.CarerCommands.ArchiveCarerInput;
import org.carerota.api.carer.CarerCommands.CreateCarerInput;
import org.carerota.api.carer.CarerCommands.UpdateCarerInput;
import org.carerota.api.security.Authorities;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: carer mutations. Maps only. */
@Controller
class CarerCommandController {

    private final CarerCommandService commands;

    CarerCommandController(CarerCommandService commands) {
        this.commands = commands;
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.CreateCarerResult> createCarer(@Argument CreateCarerInput input) {
        return commands.createCarer(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.UpdateCarerResult> updateCarer(@Argument UpdateCarerInput input) {
        return commands.updateCarer(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.ArchiveCarerResult> archiveCarer(@Argument ArchiveCarerInput input) {
        return commands.archiveCarer(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.AddShiftResult> addShift(@Argument AddShiftInput input) {
        return commands.addShift(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.RemoveShiftResult> removeShift(@Argument CarerCommands.RemoveCarerTimeInput input) {
        return commands.removeShift(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<CarerCommands.RemoveAbsenceResult> removeAbsence(@Argument CarerCommands.RemoveCarerTimeInput input) {
        return commands.removeAbsence(input);
    }
}
