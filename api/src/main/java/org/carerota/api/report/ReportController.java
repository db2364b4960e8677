package org.carerota.api.report;

import org.carerota.api.security.Authorities;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** GraphQL: capacity reports. */
@Controller
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @QueryMapping
    @PreAuthorize(Authorities.REPORTS)
    Mono<CapacityReportResult> capacityReport(@Argument CapacityReportInput input) {
        return reports.capacityReport(input);
    }

    @QueryMapping
    @PreAuthorize(Authorities.REPORTS)
    Mono<CapacityTrackerReturnResult> capacityTrackerReturn(@Argument CapacityTrackerReturnInput input) {
        return reports.capacityTrackerReturn(input);
    }

    @QueryMapping
    @PreAuthorize(Authorities.REPORTS)
    Mono<UnmetNeedSummaryResult> unmetNeedSummary(@Argument UnmetNeedSummaryInput input) {
        return reports.unmetNeedSummary(input);
    }
}
