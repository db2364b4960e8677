package org.carerota.api.page;

import java.util.LinkedHashMap;
import java.util.Map;

import org.carerota.api.security.Authorities;
import org.carerota.api.security.SecurityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /auth/config}, unauthenticated: what a page needs before anyone signs in. Nothing in
 * it is secret (a public client has no secret).
 *
 * <pre>{@code
 * {"mode": "oidc", "issuer": "https://login.example.org/realms/care", "clientId": "carerota-pages",
 *  "scopes": "openid profile", "redirectPath": "/auth/callback.html",
 *  "map": {"tileUrl": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "© OpenStreetMap contributors", "maxZoom": 18}}
 * }</pre>
 *
 * {@code mode} is {@code demo} in the demo profile (the pages call {@code POST /demo/token}),
 * {@code oidc} when a client id and an issuer (the pages' {@code authority} or the resource
 * server's {@code issuer-uri}) are configured, {@code none} otherwise (the pages say that sign-in
 * is not configured).
 */
@RestController
class PageConfigController {

    static final String PATH = "/auth/config";

    /** Where the identity provider sends the browser back to; register {@code {origin}/auth/callback.html}. */
    static final String REDIRECT_PATH = "/auth/callback.html";

    private final Map<String, Object> config;

    PageConfigController(Environment environment, SecurityProperties security, MapProperties map) {
        this.config = config(environment, security, map);
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.ANYONE)
    Mono<ResponseEntity<Map<String, Object>>> config() {
        return Mono.just(
                ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config));
    }

    static Map<String, Object> config(Environment environment, SecurityProperties security, MapProperties map) {
        Map<String, Object> body = new LinkedHashMap<>();
        SecurityProperties.Oidc oidc = security.oidc();
        String issuer = blankToNull(oidc.authority());
        if (issuer == null) {
            issuer = blankToNull(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
        }
        String clientId = blankToNull(oidc.clientId());
        if (environment.matchesProfiles("demo")) {
            body.put("mode", "demo");
        } else if (issuer != null && clientId != null) {
            body.put("mode", "oidc");
            body.put("issuer", trimSlash(issuer));
            body.put("clientId", clientId);
            body.put("scopes", scopes(oidc.scopes()));
            body.put("redirectPath", REDIRECT_PATH);
        } else {
            body.put("mode", "none");
            body.put(
                    "message",
                    "sign-in is not configured: set carerota.security.oidc.client-id and"
                            + " spring.security.oauth2.resourceserver.jwt.issuer-uri (or carerota.security.oidc.authority)");
        }
        Map<String, Object> tiles = new LinkedHashMap<>();
        tiles.put("tileUrl", blankToNull(map.tileUrl()));
        tiles.put("attribution", map.attribution());
        tiles.put("maxZoom", map.maxZoom());
        body.put("map", tiles);
        return java.util.Collections.unmodifiableMap(body);
    }

    /** The scopes asked for, always with {@code openid} first. */
    static String scopes(String configured) {
        StringBuilder scopes = new StringBuilder("openid");
        for (String scope : configured.trim().split("[\\s,]+")) {
            if (!scope.isEmpty() && !scope.equals("openid")) {
                scopes.append(' ').append(scope);
            }
        }
        return scopes.toString();
    }

    private static String trimSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
