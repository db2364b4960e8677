package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingJwtDecoderTests {

    static final Instant T0 = Instant.parse("2026-11-23T07:00:00Z");

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Accepts tokens starting with "good" (expiring an hour after T0, or at "good-until-<epoch>") and counts calls. */
    static final class CountingDecoder implements ReactiveJwtDecoder {
        final List<String> calls = new ArrayList<>();

        @Override
        public Mono<Jwt> decode(String token) {
            calls.add(token);
            if (!token.startsWith("good")) {
                return Mono.error(new BadJwtException("bad signature"));
            }
            Instant expires = token.startsWith("good-until-")
                    ? Instant.ofEpochSecond(Long.parseLong(token.substring("good-until-".length())))
                    : T0.plus(Duration.ofHours(1));
            return Mono.just(Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("carer")
                    .issuedAt(T0.minusSeconds(10))
                    .expiresAt(expires)
                    .build());
        }
    }

    final MovableClock clock = new MovableClock();
    final CountingDecoder delegate = new CountingDecoder();
    final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, Duration.ofMinutes(5), 3);

    @Test
    void shouldVerifyAnAcceptedTokenOnceWhenSentAgainWithinTheTtl() {
        StepVerifier.create(decoder.decode("good-1").map(Jwt::getSubject))
                .expectNext("carer")
                .verifyComplete();
        clock.now = T0.plus(Duration.ofMinutes(4));
        StepVerifier.create(decoder.decode("good-1").map(Jwt::getTokenValue))
                .expectNext("good-1")
                .verifyComplete();
        assertThat(delegate.calls).containsExactly("good-1");
    }

    @Test
    void shouldAskTheDelegateAgainWhenTheTtlHasPassed() {
        decoder.decode("good-1").block();
        clock.now = T0.plus(Duration.ofMinutes(5));
        decoder.decode("good-1").block();
        assertThat(delegate.calls).containsExactly("good-1", "good-1");
    }

    @Test
    void shouldNotServeATokenFromTheCacheAfterItExpired() {
        String token = "good-until-" + T0.plusSeconds(60).getEpochSecond();
        decoder.decode(token).block();
        clock.now = T0.plusSeconds(60);
        decoder.decode(token).block();
        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void shouldNeverCacheARejectedToken() {
        StepVerifier.create(decoder.decode("forged"))
                .expectError(BadJwtException.class)
                .verify();
        StepVerifier.create(decoder.decode("forged"))
                .expectError(BadJwtException.class)
                .verify();
        assertThat(delegate.calls).containsExactly("forged", "forged");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void shouldKeepEveryTokenApartWhenTwoCallersSendDifferentTokens() {
        Jwt first = decoder.decode("good-a").block();
        Jwt second = decoder.decode("good-b").block();
        assertThat(decoder.decode("good-a").block()).isSameAs(first);
        assertThat(decoder.decode("good-b").block()).isSameAs(second);
        assertThat(delegate.calls).containsExactly("good-a", "good-b");
    }

    @Test
    void shouldStayWithinItsBoundWhenManyTokensArrive() {
        for (int i = 0; i < 10; i++) {
            decoder.decode("good-" + i).block();
            assertThat(decoder.size()).isLessThanOrEqualTo(3);
        }
        // an evicted token is simply verified again
        decoder.decode("good-0").block();
        assertThat(delegate.calls).hasSize(11);
    }
}
