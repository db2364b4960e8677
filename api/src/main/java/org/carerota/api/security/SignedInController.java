package org.carerota.api.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /auth/me} with a bearer token: who the token says its holder is, as the API reads it
 * (the configured claim names, a role from a string or an array claim). The pages ask this after
 * an OpenID Connect sign-in, to send the person where their role belongs, or to tell them that their
 * account has no CareRota role or organisation instead of showing an empty page.
 *
 * <pre>{@code
 * {"user": "a.smith", "role": "COORDINATOR", "organisation_id": "…"}                 (200)
 * {"user": "b.jones", "role": null, "problem": "your account has no CareRota role …"} (200)
 * }</pre>
 *
 * Without a valid token: 401, like every other route.
 */
@RestController
class SignedInController {

    static final String PATH = "/auth/me";

    private final SecurityProperties properties;

    SignedInController(SecurityProperties properties) {
        this.properties = properties;
    }

    // authenticated by the filter chain (any valid token); a token without a role may ask who it is
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("isAuthenticated()")
    Mono<ResponseEntity<Map<String, Object>>> me(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt, properties.jwt());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", caller.user());
        body.put("name", displayName(jwt, caller.user()));
        body.put("role", caller.role().map(Role::name).orElse(null));
        Caller.whyNoAccess(jwt, properties.jwt()).ifPresentOrElse(problem -> body.put("problem", problem), () -> {
            body.put("organisation_id", String.valueOf(caller.organisationId()));
            if (caller.carerId() != null) {
                body.put("carer_id", caller.carerId().toString());
            }
        });
        return Mono.just(
                ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    private static String displayName(Jwt jwt, String fallback) {
        for (String claim : new String[] {"preferred_username", "name", "email"}) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return fallback;
    }
}
