package org.carerota.api.csv;

import org.carerota.api.security.Authorities;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * CSV import over HTTP: {@code GET /csv/templates/{carers,service-users,care-packages}.csv} (the
 * template: header and example rows), {@code POST /csv/carers}, {@code /csv/service-users},
 * {@code /csv/care-packages} with the file as the body ({@code text/csv}). 200 with the report
 * when every row was imported; 422 with the per-row, per-column errors when any row is wrong
 * (nothing imported).
 */
@RestController
class CsvController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final CsvImportService imports;

    CsvController(CsvImportService imports) {
        this.imports = imports;
    }

    @GetMapping(path = "/csv/templates/{name}.csv", produces = "text/csv")
    @PreAuthorize(Authorities.STAFF)
    Mono<ResponseEntity<String>> template(@PathVariable String name) {
        String template = CsvImportService.TEMPLATES.get(name);
        if (template == null) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        return Mono.just(ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .body(template));
    }

    @PostMapping(
            path = "/csv/carers",
            consumes = {"text/csv", "text/plain"},
            produces = "application/json")
    @PreAuthorize(Authorities.STAFF)
    Mono<ResponseEntity<CsvImportReport>> carers(@RequestBody(required = false) @Nullable String body) {
        return imports.importCarers(body == null ? "" : body).map(CsvController::answer);
    }

    @PostMapping(
            path = "/csv/service-users",
            consumes = {"text/csv", "text/plain"},
            produces = "application/json")
    @PreAuthorize(Authorities.STAFF)
    Mono<ResponseEntity<CsvImportReport>> serviceUsers(@RequestBody(required = false) @Nullable String body) {
        return imports.importServiceUsers(body == null ? "" : body).map(CsvController::answer);
    }

    /** {@code expandFrom}/{@code expandTo}: the horizon the templates expand into (as createCarePackage). */
    @PostMapping(
            path = "/csv/care-packages",
            consumes = {"text/csv", "text/plain"},
            produces = "application/json")
    @PreAuthorize(Authorities.STAFF)
    Mono<ResponseEntity<CsvImportReport>> carePackages(
            @RequestBody(required = false) @Nullable String body,
            @RequestParam(required = false) @Nullable String expandFrom,
            @RequestParam(required = false) @Nullable String expandTo) {
        return imports.importCarePackages(body == null ? "" : body, expandFrom, expandTo)
                .map(CsvController::answer);
    }

    private static ResponseEntity<CsvImportReport> answer(CsvImportReport report) {
        return ResponseEntity.status(report.errors().isEmpty() ? HttpStatus.OK : HttpStatus.valueOf(422))
                .body(report);
    }
}
