package org.carerota.api.report;

import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.carerota.api.security.Authorities;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * HTTP: every report as CSV, and the charts as SVG (bearer token as for GraphQL). A problem with
 * the input is an RFC 9457 problem response (400, or 404 for an area the caller may not see),
 * never an empty file.
 */
@RestController
class ReportExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

    private final ReportService reports;

    ReportExportController(ReportService reports) {
        this.reports = reports;
    }

    /** The report page: {@code /reports} and {@code /reports/} lead to {@code /reports/index.html}. */
    @GetMapping({"/reports", "/reports/"})
    @PreAuthorize(Authorities.ANYONE)
    Mono<ResponseEntity<Void>> page() {
        // reactive method security needs a Publisher: a plain ResponseEntity answered 500
        return Mono.just(ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/reports/index.html"))
                .build());
    }

    @GetMapping("/reports/capacity.csv")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> capacityCsv(
            @RequestParam UUID area,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable String groupBy) {
        return reports.capacityReport(new CapacityReportInput(area, from, to, groupings(groupBy)))
                .map(result -> respond(result, CSV, "capacity.csv", r -> ReportCsv.capacity((CapacityReport) r)));
    }

    @GetMapping("/reports/capacity-tracker.csv")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> capacityTrackerCsv(@RequestParam UUID area, @RequestParam String month) {
        return reports.capacityTrackerReturn(new CapacityTrackerReturnInput(area, month))
                .map(result -> respond(
                        result,
                        CSV,
                        "capacity-tracker-" + month + ".csv",
                        r -> ReportCsv.capacityTracker((CapacityTrackerReturn) r)));
    }

    @GetMapping("/reports/unmet-need.csv")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> unmetNeedCsv(
            @RequestParam UUID area,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return reports.unmetNeedSummary(new UnmetNeedSummaryInput(area, from, to))
                .map(result -> respond(result, CSV, "unmet-need.csv", r -> ReportCsv.unmetNeed((UnmetNeedSummary) r)));
    }

    @GetMapping("/reports/charts/unmet-hours.svg")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> unmetHoursChart(
            @RequestParam UUID area,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return chart(area, from, to, List.of("AREA", "WEEK"), ReportCharts::unmetHoursByWeekAndArea);
    }

    @GetMapping("/reports/charts/delivered-vs-commissioned.svg")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> deliveredChart(
            @RequestParam UUID area,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return chart(area, from, to, List.of("WEEK"), ReportCharts::deliveredAgainstCommissioned);
    }

    @GetMapping("/reports/charts/cross-pool.svg")
    @PreAuthorize(Authorities.REPORTS)
    Mono<ResponseEntity<String>> crossPoolChart(
            @RequestParam UUID area,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return chart(area, from, to, List.of(), ReportCharts::crossPoolFlows);
    }

    private Mono<ResponseEntity<String>> chart(
            UUID area, LocalDate from, LocalDate to, List<String> groupBy, Function<CapacityReport, String> render) {
        return reports.capacityReport(new CapacityReportInput(area, from, to, groupBy))
                .map(result -> respond(result, SVG, null, r -> render.apply((CapacityReport) r)));
    }

    private static @Nullable List<String> groupings(@Nullable String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return null;
        }
        return Arrays.stream(groupBy.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static <R> ResponseEntity<String> respond(
            R result, MediaType type, @Nullable String filename, Function<R, String> body) {
        if (result instanceof ReportProblem problem) {
            HttpStatus status = problem instanceof AreaNotVisible ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, problem.message());
            detail.setTitle(problem.code());
            detail.setType(URI.create("urn:carerota:problem:" + problem.code()));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problemJson(detail));
        }
        ResponseEntity.BodyBuilder ok =
                ResponseEntity.ok().contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (filename != null) {
            ok = ok.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        }
        return ok.body(body.apply(result));
    }

    private static String problemJson(ProblemDetail detail) {
        return "{\"type\":\"" + json(String.valueOf(detail.getType())) + "\",\"title\":\""
                + json(String.valueOf(detail.getTitle())) + "\",\"status\":" + detail.getStatus()
                + ",\"detail\":\"" + json(String.valueOf(detail.getDetail())) + "\"}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
