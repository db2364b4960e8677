package org.carerota.api.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.carerota.api.security.Caller;
import org.carerota.api.security.Callers;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.carerota.sync.feed.FeedEntry;
import org.carerota.sync.feed.FeedReader;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Mono;

/**
 * Private calendar feeds: a carer creates a secret URL ({@code /calendar/<token>.ics}) for their
 * phone's calendar and can revoke it. Only the SHA-256 of the token is stored
 * ({@code calendar_feed_tokens}); the feed is read from the carer's own change feed, as that carer.
 */
@Service
class CalendarFeedService {

    /** A token as created: the secret is shown once. */
    record CreatedToken(UUID id, String token, String path, Instant createdAt) {}

    /** A token as listed (never the secret). */
    record TokenInfo(
            UUID id,
            @Nullable String label,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {}

    /** What a feed URL leads to. */
    sealed interface Feed permits Found, Unknown, Revoked {}

    record Found(String calendar) implements Feed {}

    record Unknown() implements Feed {}

    record Revoked() implements Feed {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LABEL = 80;
    private static final int MAX_VISITS = 5000;

    private final Transactions transactions;
    private final Callers callers;
    private final Clock clock;
    private final SyncSettings settings;

    CalendarFeedService(Transactions transactions, Callers callers, Clock clock, SyncSettings settings) {
        this.transactions = transactions;
        this.callers = callers;
        this.clock = clock;
        this.settings = settings;
    }

    Mono<CreatedToken> create(@Nullable String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String cleanLabel = label == null || label.isBlank() ? null : clip(label.strip());
        return caller().flatMap(caller -> transactions.write(db -> {
            var spec = db.sql("insert into calendar_feed_tokens (organisation_id, carer_id, token_hash, label)"
                            + " values (:org, :carer, :hash, :label) returning id, created_at")
                    .bind("org", java.util.Objects.requireNonNull(caller.organisationId()))
                    .bind("carer", java.util.Objects.requireNonNull(caller.carerId()))
                    .bind("hash", hash(token));
            spec = cleanLabel == null ? spec.bindNull("label", String.class) : spec.bind("label", cleanLabel);
            return spec.map((row, meta) -> new CreatedToken(
                            java.util.Objects.requireNonNull(row.get("id", UUID.class)),
                            token,
                            "/calendar/" + token + ".ics",
                            java.util.Objects.requireNonNull(row.get("created_at", java.time.OffsetDateTime.class))
                                    .toInstant()))
                    .one();
        }));
    }

    Mono<List<TokenInfo>> list() {
        return caller().flatMap(caller -> transactions.read(
                db -> db.sql("select id, label, created_at, last_used_at, revoked_at from calendar_feed_tokens"
                                + " where carer_id = :carer order by created_at")
                        .bind("carer", java.util.Objects.requireNonNull(caller.carerId()))
                        .map((row, meta) -> new TokenInfo(
                                java.util.Objects.requireNonNull(row.get("id", UUID.class)),
                                row.get("label", String.class),
                                instant(row.get("created_at", java.time.OffsetDateTime.class)),
                                nullableInstant(row.get("last_used_at", java.time.OffsetDateTime.class)),
                                nullableInstant(row.get("revoked_at", java.time.OffsetDateTime.class))))
                        .all()
                        .collectList()));
    }

    /** Revokes one of the caller's tokens; false when they have no such token. */
    Mono<Boolean> revoke(UUID id) {
        return caller().flatMap(caller -> transactions.write(
                db -> db.sql("update calendar_feed_tokens set revoked_at = coalesce(revoked_at, :now)"
                                + " where id = :id and carer_id = :carer")
                        .bind("now", clock.instant())
                        .bind("id", id)
                        .bind("carer", java.util.Objects.requireNonNull(caller.carerId()))
                        .fetch()
                        .rowsUpdated()
                        .map(rows -> rows > 0)));
    }

    /** The calendar behind a feed URL's token (no signed-in caller: the token is the credential). */
    Mono<Feed> feed(String token) {
        if (token.length() < 20 || token.length() > 100) {
            return Mono.just(new Unknown());
        }
        Instant now = clock.instant();
        return transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql(
                                "update calendar_feed_tokens set last_used_at = :now where token_hash = :hash"
                                        + " returning carer_id, organisation_id,"
                                        + " (revoked_at is not null or expires_at < :now) as dead")
                        .bind("now", now)
                        .bind("hash", hash(token))
                        .map((row, meta) -> new Holder(
                                java.util.Objects.requireNonNull(row.get("carer_id", UUID.class)),
                                java.util.Objects.requireNonNull(row.get("organisation_id", UUID.class)),
                                Boolean.TRUE.equals(row.get("dead", Boolean.class))))
                        .one())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(holder -> {
                    if (holder.isEmpty()) {
                        return Mono.just(new Unknown());
                    }
                    if (holder.get().dead()) {
                        return Mono.just(new Revoked());
                    }
                    return visits(holder.get()).map(visits -> new Found(ICalendar.write(visits, now)));
                });
    }

    private Mono<List<VisitPayload>> visits(Holder holder) {
        TenantContext carer = new TenantContext("calendar-feed", "CARER", holder.organisationId(), holder.carerId());
        LocalDate from = LocalDate.ofInstant(clock.instant(), settings.zone()).minusDays(7);
        return transactions.readAs(carer, db -> FeedReader.head(db, holder.carerId())
                .flatMap(head -> FeedReader.latestAfter(db, holder.carerId(), 0, head.lastSeq(), true, from, MAX_VISITS)
                        .filter(entry -> FeedEntry.VISIT.equals(entry.entityType()) && entry.payload() != null)
                        .map(entry ->
                                SyncJson.read(java.util.Objects.requireNonNull(entry.payload()), VisitPayload.class))
                        .collectList()));
    }

    private Mono<Caller> caller() {
        return callers.current()
                .filter(c -> c.carerId() != null && c.organisationId() != null)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "carers only")));
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String label) {
        return label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label;
    }

    private static Instant instant(java.time.@Nullable OffsetDateTime time) {
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    private static @Nullable Instant nullableInstant(java.time.@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private record Holder(UUID carerId, UUID organisationId, boolean dead) {}
}
