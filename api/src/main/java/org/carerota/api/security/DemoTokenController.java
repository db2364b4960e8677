package org.carerota.api.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code POST /demo/token} with {@code {"user": "coordinator.norfolk"}}: a signed access token for
 * a demo user (api/README.md, "Demo users"). Only in the demo profile: elsewhere the route does not
 * exist.
 */
@RestController
@Profile("demo")
class DemoTokenController {

    static final String PATH = "/demo/token";

    private final DemoUserDirectory users;
    private final DemoIssuer issuer;

    DemoTokenController(DemoUserDirectory users, DemoIssuer issuer) {
        this.users = users;
        this.issuer = issuer;
    }

    /** The request body. */
    record TokenRequest(@Nullable String user) {}

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Authorities.ANYONE)
    Mono<ResponseEntity<Map<String, Object>>> token(@RequestBody TokenRequest request) {
        String name = request.user() == null ? "" : request.user().trim();
        if (name.isEmpty() || name.length() > 128) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "give the demo user's name: {\"user\": \"...\"}"));
        }
        return users.find(name)
                .map(user -> {
                    DemoIssuer.IssuedToken token = issuer.issue(user);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", token.value());
                    body.put("token", token.value());
                    body.put("token_type", "Bearer");
                    body.put(
                            "expires_in",
                            Math.max(
                                    0,
                                    token.expiresAt().getEpochSecond()
                                            - java.time.Instant.now().getEpochSecond()));
                    body.put("user", user.username());
                    body.put("role", user.role().name());
                    body.put("organisation_id", user.organisationId().toString());
                    if (user.carerId() != null) {
                        body.put("carer_id", user.carerId().toString());
                    }
                    return ResponseEntity.ok()
                            .cacheControl(CacheControl.noStore())
                            .body(body);
                })
                .defaultIfEmpty(problem(HttpStatus.NOT_FOUND, "there is no demo user with that name"));
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("error", status.name().toLowerCase(java.util.Locale.ROOT), "message", message));
    }
}
