package org.carerota.api.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.security.Authorities;
import org.carerota.api.security.Caller;
import org.carerota.api.security.Callers;
import org.carerota.sync.SyncService;
import org.carerota.sync.live.ChangeNotifications;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.push.FlaggedEvent;
import org.carerota.sync.receipt.Acknowledgement;
import org.carerota.sync.receipt.UnacknowledgedCarer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sync protocol over HTTP for the carer web app (mobile-sync/README.md, "HTTP endpoints").
 * The carer is always the one the token names, never one from the body. Bodies are read leniently
 * ({@link SyncRequests}): a malformed event is rejected on its own; only a body that is not a JSON
 * object gets 400, and one over {@code carerota.sync.max-request-size} gets 413.
 */
@RestController
class SyncController {

    private final SyncService sync;
    private final ChangeNotifications notifications;
    private final Callers callers;
    private final SyncConfiguration.LiveSettings live;
    private final int maxRequestBytes;

    SyncController(
            SyncService sync,
            ChangeNotifications notifications,
            Callers callers,
            SyncConfiguration.LiveSettings live,
            @Value("${carerota.sync.max-request-size:4194304}") int maxRequestBytes) {
        this.sync = sync;
        this.notifications = notifications;
        this.callers = callers;
        this.live = live;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The carer's changes after the device's checkpoint (no checkpoint: a snapshot). */
    @PostMapping(path = "/sync/pull", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.CARER)
    Mono<ResponseEntity<PullResponse>> pull(ServerWebExchange exchange) {
        return carerId().flatMap(carer -> body(exchange)
                .map(SyncRequests::pull)
                .flatMap(request -> sync.pull(carer, request))
                .map(SyncController::noStore));
    }

    /** A batch of events from the device: a result per event, in order. */
    @PostMapping(path = "/sync/push", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.CARER)
    Mono<ResponseEntity<PushResponse>> push(ServerWebExchange exchange) {
        return carerId().flatMap(carer -> body(exchange)
                .map(SyncRequests::push)
                .flatMap(parsed -> sync.push(carer, parsed.request(), parsed.problems()))
                .map(SyncController::noStore));
    }

    /** The device holds the carer's feed up to the checkpoint (or seq) of a pull it applied. */
    @PostMapping(path = "/sync/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.CARER)
    Mono<ResponseEntity<Acknowledgement>> ack(ServerWebExchange exchange) {
        return carerId()
                .flatMap(carer -> body(exchange).map(SyncRequests::ack).flatMap(ack -> {
                    UUID device = ack.deviceId();
                    if (device == null) {
                        return Mono.error(
                                new ResponseStatusException(HttpStatus.BAD_REQUEST, "deviceId (a UUID) is required"));
                    }
                    if (ack.checkpoint() != null) {
                        return sync.acknowledge(device, carer, ack.checkpoint(), ack.planRevision());
                    }
                    if (ack.seq() != null && ack.seq() >= 0) {
                        return sync.acknowledge(device, carer, ack.seq(), ack.planRevision());
                    }
                    return Mono.error(
                            new ResponseStatusException(HttpStatus.BAD_REQUEST, "checkpoint or seq is required"));
                }))
                .map(SyncController::noStore);
    }

    /**
     * Server-sent events for one carer's devices: {@code ready} once listening (pull now, to cover
     * anything committed before), {@code changes} whenever the carer's feed moved (pull), and a
     * keep-alive comment now and then. Send the token in the Authorization header (the app reads
     * the stream with fetch).
     */
    @GetMapping(path = "/sync/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(Authorities.CARER)
    Flux<ServerSentEvent<String>> live() {
        return carerId().flatMapMany(carer -> {
            Flux<ServerSentEvent<String>> changes = notifications
                    .changesFor(carer)
                    .map(id -> ServerSentEvent.<String>builder("{\"pull\":true}")
                            .event("changes")
                            .build());
            Flux<ServerSentEvent<String>> ready = notifications
                    .listening()
                    .timeout(Duration.ofSeconds(10))
                    .onErrorResume(e -> Mono.empty())
                    .thenMany(Flux.just(ServerSentEvent.<String>builder("{\"pull\":true}")
                            .event("ready")
                            .retry(Duration.ofSeconds(5))
                            .build()));
            Flux<ServerSentEvent<String>> heartbeat = Flux.interval(live.heartbeat())
                    .map(i -> ServerSentEvent.<String>builder()
                            .comment("keep-alive")
                            .build());
            return Flux.merge(changes, ready, heartbeat);
        });
    }

    /** Coordinators: carers none of whose devices holds the latest change the plan made for them. */
    @GetMapping(path = "/sync/plans/{planId}/carers-not-up-to-date", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.STAFF)
    Mono<List<UnacknowledgedCarer>> carersNotUpToDate(@PathVariable UUID planId) {
        return sync.carersNotUpToDate(planId);
    }

    /** Coordinators: accepted events flagged for attention (re-assigned while offline, clock skew). */
    @GetMapping(path = "/sync/flagged-events", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.STAFF)
    Mono<List<FlaggedEvent>> flaggedEvents(
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false, defaultValue = "100") int limit) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.EPOCH : Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "since must be an ISO-8601 instant"));
        }
        return sync.flaggedEvents(from, Math.max(1, Math.min(limit, 1000)));
    }

    @ExceptionHandler(SyncRequests.UnreadableRequestException.class)
    ResponseEntity<Map<String, String>> unreadable(SyncRequests.UnreadableRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<Map<String, String>> tooLarge(DataBufferLimitException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "the request is larger than " + maxRequestBytes + " bytes");
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, String>> status(ResponseStatusException e) {
        return problem(HttpStatus.valueOf(e.getStatusCode().value()), String.valueOf(e.getReason()));
    }

    static ResponseEntity<Map<String, String>> problem(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("error", status.name().toLowerCase(java.util.Locale.ROOT), "message", message));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private Mono<tools.jackson.databind.JsonNode> body(ServerWebExchange exchange) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxRequestBytes) {
            return Mono.error(new DataBufferLimitException("too large"));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxRequestBytes)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("{}".getBytes(StandardCharsets.UTF_8))
                .map(SyncRequests::tree);
    }

    private Mono<UUID> carerId() {
        return callers.current()
                .mapNotNull(Caller::carerId)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "carers only")));
    }
}
