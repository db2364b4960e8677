package org.carerota.api.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The signed-in caller of the current request, for services that need to know who asks. */
@Component
public class Callers {

    private final SecurityProperties properties;

    Callers(SecurityProperties properties) {
        this.properties = properties;
    }

    /** The caller, or empty when the request is anonymous. */
    public Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(authentication -> authentication.getPrincipal() instanceof Jwt)
                .map(authentication -> Caller.from((Jwt) authentication.getPrincipal(), properties.jwt()));
    }
}
