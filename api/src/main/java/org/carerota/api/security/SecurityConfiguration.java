package org.carerota.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.security.autoconfigure.web.reactive.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import reactor.core.publisher.Mono;

/**
 * Deny by default: every route needs a valid bearer token except GraphiQL's page, static assets,
 * the health probes and, in the demo profile, {@code POST /demo/token}. Which callers reach a
 * controller method is decided by its {@code @PreAuthorize}; which rows they then see, by
 * PostgreSQL's row-level security.
 *
 * <p>Tokens come from the identity provider configured with the standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (issuer-uri, jwk-set-uri or
 * public-key-location; audiences), or, in the demo profile, from the built-in issuer.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, Environment environment, SecurityProperties properties) {
        boolean demo = environment.matchesProfiles("demo");
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers("/actuator/health", "/actuator/health/**")
                            .permitAll();
                    exchanges
                            .pathMatchers(HttpMethod.GET, "/graphiql", "/graphiql/**")
                            .permitAll();
                    exchanges
                            .matchers(PathRequest.toStaticResources().atCommonLocations())
                            .permitAll();
                    exchanges
                            .pathMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/board/**", "/webjars/**")
                            .permitAll();
                    // what the pages need before sign-in (page/PageConfigController), and the sign-in's
                    // own pages and scripts (the redirect target of the identity provider)
                    exchanges
                            .pathMatchers(HttpMethod.GET, "/auth/config", "/auth/*.html", "/auth/*.js")
                            .permitAll();
                    // private calendar feeds: the unguessable token in the path is the credential
                    exchanges.pathMatchers(HttpMethod.GET, "/calendar/*.ics").permitAll();
                    // the report page's own files; its data (CSV, charts, GraphQL) needs a token
                    exchanges
                            .pathMatchers(
                                    HttpMethod.GET,
                                    "/reports",
                                    "/reports/",
                                    "/reports/index.html",
                                    "/reports/reports.js",
                                    "/reports/reports.css")
                            .permitAll();
                    // GraphQL over WebSocket: the handshake carries no token (browsers cannot send one);
                    // the connection_init message must (WebSocketAuthentication), or the socket is closed
                    exchanges
                            .matchers(exchange -> "websocket"
                                                    .equalsIgnoreCase(exchange.getRequest()
                                                            .getHeaders()
                                                            .getUpgrade())
                                            && exchange.getRequest()
                                                    .getPath()
                                                    .value()
                                                    .equals("/graphql")
                                    ? ServerWebExchangeMatcher.MatchResult.match()
                                    : ServerWebExchangeMatcher.MatchResult.notMatch())
                            .permitAll();
                    if (demo) {
                        exchanges
                                .pathMatchers(HttpMethod.POST, DemoTokenController.PATH)
                                .permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server ->
                        server.jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter(properties))))
                .build();
    }

    /** Maps a token to an authentication whose only authority is the caller's role, if valid. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter(SecurityProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Caller caller = Caller.from(jwt, properties.jwt());
            return caller.role()
                    .<List<GrantedAuthority>>map(role -> List.of(new SimpleGrantedAuthority(role.authority())))
                    .orElse(List.of());
        });
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** How long an accepted token is trusted without checking its signature again (at most until it expires). */
    static final Duration ACCEPTED_TOKEN_TTL = Duration.ofMinutes(5);

    /** Tokens remembered at once: about 10 MB at 1 kB a token. */
    static final int ACCEPTED_TOKENS_MAX = 10_000;

    /**
     * Wraps whichever token decoder is in use (the demo issuer's, the identity provider's that
     * Spring Boot configures, or the refusing one) in a {@link CachingJwtDecoder}, so that the
     * HTTP chain and the WebSocket handshake both verify a token's signature once per
     * {@link #ACCEPTED_TOKEN_TTL}.
     */
    @Bean
    static BeanPostProcessor cacheAcceptedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder, Clock.systemUTC(), ACCEPTED_TOKEN_TTL, ACCEPTED_TOKENS_MAX);
                }
                return bean;
            }
        };
    }

    /**
     * Outside the demo profile with no identity provider configured, every token is refused (and
     * start-up says so) rather than the application starting open.
     */
    @Bean
    @Conditional(NoIssuerConfigured.class)
    ReactiveJwtDecoder refuseEveryToken() {
        log.warn("No identity provider is configured (spring.security.oauth2.resourceserver.jwt.issuer-uri,"
                + " jwk-set-uri or public-key-location): every request needing a token will be refused");
        return token -> Mono.error(new BadJwtException("no identity provider is configured"));
    }

    /** True outside the demo profile when no {@code spring.security.oauth2.resourceserver.jwt} source is set. */
    static final class NoIssuerConfigured implements Condition {
        private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            if (environment.acceptsProfiles(Profiles.of("demo"))) {
                return false;
            }
            return !environment.containsProperty(PREFIX + "issuer-uri")
                    && !environment.containsProperty(PREFIX + "jwk-set-uri")
                    && !environment.containsProperty(PREFIX + "public-key-location");
        }
    }
}
