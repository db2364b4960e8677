package org.carerota.api.csv;

import org.carerota.api.security.Authorities;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * CSV import over HTTP: {@code GET /csv/templates/carers.csv} (the template: header and an example
 * row), {@code POST /csv/carers} with the file as the body ({@code text/csv}). 200 with the report
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
    Mono<ResponseEntity<CsvImportReport>> carers(@RequestBody String body) {
        return imports.importCarers(body).map(report -> ResponseEntity.status(
                        report.errors().isEmpty() ? HttpStatus.OK : HttpStatus.valueOf(422))
                .body(report));
    }
}
