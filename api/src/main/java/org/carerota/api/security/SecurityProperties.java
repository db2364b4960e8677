package org.carerota.api.security;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code carerota.security.*}: see api/README.md, "Security".
 *
 * @param keysDir where the demo issuer's RSA key pair and the demo access-notes key live (outside
 *     the database); default {@code keys} beside the embedded data directory, i.e.
 *     {@code ~/.carerota/keys}
 * @param accessNotesKey the AES-256 key for access notes, base64; in the demo profile a key is
 *     generated in {@code keysDir} when this is unset
 * @param accessNotesKeyId the id stored beside each ciphertext (key rotation)
 * @param jwt how tokens map to callers
 * @param demo the built-in issuer (demo profile only)
 * @param graphql GraphQL limits
 * @param oidc how the web pages sign in through the identity provider (outside the demo profile)
 */
@ConfigurationProperties("carerota.security")
public record SecurityProperties(
        @Nullable Path keysDir,
        @Nullable String accessNotesKey,
        @DefaultValue("k1") String accessNotesKeyId,
        @DefaultValue Jwt jwt,
        @DefaultValue Demo demo,
        @DefaultValue GraphQl graphql,
        @DefaultValue Oidc oidc) {

    /**
     * The pages' sign-in through an OpenID Connect provider: authorization code with PKCE for a
     * public client (no secret). None of this is secret: {@code GET /auth/config} serves it.
     *
     * @param clientId the client registered at the identity provider for the pages; unset: the
     *     pages cannot sign in (outside the demo profile)
     * @param scopes the scopes asked for, space-separated ({@code openid} is always added)
     * @param authority the provider's issuer for the pages' discovery
     *     ({@code {authority}/.well-known/openid-configuration}), when different from
     *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     */
    public record Oidc(
            @Nullable String clientId, @DefaultValue("openid profile") String scopes, @Nullable String authority) {}

    /**
     * Claims of an access token.
     *
     * @param roleClaim the claim holding the role (ADMIN, COORDINATOR, CARER, COMMISSIONER)
     * @param organisationClaim the claim holding the organisation's id
     * @param carerClaim the claim holding the carer's id (CARER only)
     */
    public record Jwt(
            @DefaultValue("role") String roleClaim,
            @DefaultValue("organisation_id") String organisationClaim,
            @DefaultValue("carer_id") String carerClaim) {}

    /**
     * The built-in issuer of the demo profile.
     *
     * @param issuer the {@code iss} of its tokens, checked on every request
     * @param tokenLifetime how long a token is valid
     * @param seedUsers whether to create the documented demo users on start-up
     */
    public record Demo(
            @DefaultValue("urn:carerota:demo") String issuer,
            @DefaultValue("8h") Duration tokenLifetime,
            @DefaultValue("true") boolean seedUsers) {}

    /**
     * GraphQL hardening.
     *
     * @param maxDepth the deepest selection allowed
     * @param maxComplexity the most fields one document may select (aliases count)
     * @param introspection whether {@code __schema} and {@code __type} answer; unset: only in the
     *     demo profile
     * @param maxRequestSize the largest request body accepted on {@code /graphql} and
     *     {@code /demo/token}
     * @param mutationsPerMinute mutations one user may run per minute (a token bucket refilled
     *     continuously)
     * @param mutationBurst the most mutations one user may run at once
     */
    public record GraphQl(
            @DefaultValue("12") int maxDepth,
            @DefaultValue("400") int maxComplexity,
            @Nullable Boolean introspection,
            @DefaultValue("64KB") DataSize maxRequestSize,
            @DefaultValue("120") int mutationsPerMinute,
            @DefaultValue("30") int mutationBurst) {}

    /** The keys directory, defaulting to {@code keys} beside the embedded data directory. */
    public Path resolvedKeysDir() {
        if (keysDir != null) {
            return keysDir;
        }
        String dataDir = System.getenv("CARE_ROTA_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            Path parent = Path.of(dataDir).toAbsolutePath().getParent();
            if (parent != null) {
                return parent.resolve("keys");
            }
        }
        return Path.of(System.getProperty("user.home"), ".carerota", "keys");
    }
}
