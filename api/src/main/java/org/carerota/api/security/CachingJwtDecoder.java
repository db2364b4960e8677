package org.carerota.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Remembers the tokens its delegate accepted, so a device or a coordinator's page that sends the
 * same bearer token on every request pays for the RS256 signature check once, not on every call
 * (about 7 % of the application's CPU under the 1,000-device sync benchmark, mobile-sync README).
 *
 * <p>Only accepted tokens are kept, keyed by the whole compact token, so a cached answer is the one
 * the delegate gave for exactly those bytes. An entry is used until the earlier of the token's own
 * expiry and {@code ttl} after it was checked; after that the delegate decides again. Rejections are
 * never cached. The map holds at most {@code maxEntries}: when full, expired entries go first and,
 * if none has expired, the whole map is cleared (the next requests simply verify again).
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private record Entry(Jwt jwt, Instant until) {}

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> accepted = new ConcurrentHashMap<>();

    CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, Duration ttl, int maxEntries) {
        if (ttl.isNegative() || ttl.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("ttl must be positive and maxEntries at least 1");
        }
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Instant now = clock.instant();
        Entry entry = accepted.get(token);
        if (entry != null) {
            if (now.isBefore(entry.until())) {
                return Mono.just(entry.jwt());
            }
            accepted.remove(token, entry);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    /** The number of tokens held (for tests). */
    int size() {
        return accepted.size();
    }

    private void remember(String token, Jwt jwt) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (accepted.size() >= maxEntries) {
            accepted.values().removeIf(e -> !now.isBefore(e.until()));
            if (accepted.size() >= maxEntries) {
                accepted.clear();
            }
        }
        accepted.put(token, new Entry(jwt, until));
    }
}
