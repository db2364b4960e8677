package org.carerota.api.sync;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.security.Authorities;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Mono;

/**
 * The carer's private calendar feed: create, list and revoke feed URLs (as the signed-in carer),
 * and the feed itself at {@code GET /calendar/<token>.ics}, open to anyone holding the token (a
 * calendar app cannot sign in). An unknown token answers 404, a revoked one 410.
 */
@RestController
class CalendarController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarFeedService calendars;

    CalendarController(CalendarFeedService calendars) {
        this.calendars = calendars;
    }

    /** The request body of a new token (optional). */
    record CreateCalendarTokenInput(@Nullable String label) {}

    @PostMapping(path = "/sync/calendar-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.CARER)
    Mono<ResponseEntity<CalendarFeedService.CreatedToken>> createCalendarToken(
            @RequestBody(required = false) @Nullable CreateCalendarTokenInput input) {
        return calendars.create(input == null ? null : input.label()).map(token -> ResponseEntity.status(
                        HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(token));
    }

    @GetMapping(path = "/sync/calendar-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.CARER)
    Mono<List<CalendarFeedService.TokenInfo>> calendarTokens() {
        return calendars.list();
    }

    @DeleteMapping(path = "/sync/calendar-tokens/{id}")
    @PreAuthorize(Authorities.CARER)
    Mono<ResponseEntity<Void>> revokeCalendarToken(@PathVariable UUID id) {
        return calendars
                .revoke(id)
                .map(found -> found
                        ? ResponseEntity.noContent().<Void>build()
                        : ResponseEntity.notFound().<Void>build());
    }

    @GetMapping(path = "/calendar/{token}.ics")
    @PreAuthorize(Authorities.ANYONE)
    Mono<ResponseEntity<String>> calendar(@PathVariable String token) {
        return calendars.feed(token).map(feed -> {
            if (feed instanceof CalendarFeedService.Found found) {
                return ResponseEntity.ok()
                        .contentType(TEXT_CALENDAR)
                        .cacheControl(CacheControl.noStore())
                        .header("X-Robots-Tag", "noindex")
                        .body(found.calendar());
            }
            if (feed instanceof CalendarFeedService.Revoked) {
                return ResponseEntity.status(HttpStatus.GONE)
                        .contentType(MediaType.TEXT_PLAIN)
                        .body("this calendar link was revoked\n");
            }
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("no such calendar\n");
        });
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, String>> status(ResponseStatusException e) {
        return SyncController.problem(HttpStatus.valueOf(e.getStatusCode().value()), String.valueOf(e.getReason()));
    }
}
