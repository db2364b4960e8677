package org.carerota.api.security;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerota.api.shared.database.TenantContext;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A signed-in person as their access token describes them.
 *
 * @param user the token's subject (the username of the built-in issuer)
 * @param role their role, if the token names a valid one
 * @param organisationId their organisation, if the token names one
 * @param carerId the carer they are (carers only)
 */
public record Caller(String user, Optional<Role> role, @Nullable UUID organisationId, @Nullable UUID carerId) {

    /** The role the database sees when a token names no valid role: every policy is false. */
    public static final String NO_ROLE = "NONE";

    static Caller from(Jwt jwt, SecurityProperties.Jwt claims) {
        Optional<Role> role = Role.fromClaim(claim(jwt, claims.roleClaim()));
        UUID organisation = uuid(claim(jwt, claims.organisationClaim()));
        UUID carer = uuid(claim(jwt, claims.carerClaim()));
        if (organisation == null || (role.isPresent() && role.get() == Role.CARER && carer == null)) {
            role = Optional.empty();
        }
        if (role.isEmpty() || role.get() != Role.CARER) {
            carer = null;
        }
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        return new Caller(subject, role, organisation, carer);
    }

    /**
     * Why a token gives its holder no access, in words for the person (the page shows it), or
     * empty when it names a role and organisation (and, for a carer, the carer).
     */
    static Optional<String> whyNoAccess(Jwt jwt, SecurityProperties.Jwt claims) {
        Object roleClaim = claim(jwt, claims.roleClaim());
        int roles = Role.namedIn(roleClaim);
        if (roles > 1) {
            return Optional.of("your account has more than one CareRota role (claim '" + claims.roleClaim()
                    + "'); it may have only one: ask your administrator");
        }
        if (roles == 0) {
            return Optional.of("your account has no CareRota role; ask your administrator (claim '" + claims.roleClaim()
                    + "' names none of ADMIN, COORDINATOR, CARER, COMMISSIONER)");
        }
        if (uuid(claim(jwt, claims.organisationClaim())) == null) {
            return Optional.of("your account names no CareRota organisation (claim '" + claims.organisationClaim()
                    + "', an organisation id); ask your administrator");
        }
        if (Role.fromClaim(roleClaim).orElseThrow() == Role.CARER && uuid(claim(jwt, claims.carerClaim())) == null) {
            return Optional.of("your carer account is not linked to a carer record (claim '" + claims.carerClaim()
                    + "'); ask your administrator");
        }
        return Optional.empty();
    }

    /**
     * A claim by name; a name with dots that is not itself a claim is a path into nested claims
     * (Keycloak's {@code realm_access.roles}).
     */
    static @Nullable Object claim(Jwt jwt, String name) {
        Map<String, Object> claims = jwt.getClaims();
        if (claims.containsKey(name) || name.indexOf('.') < 0) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** What the database's row-level security is told about this caller. */
    public TenantContext tenantContext() {
        return new TenantContext(user, role.map(Role::name).orElse(NO_ROLE), organisationId, carerId);
    }

    private static @Nullable UUID uuid(@Nullable Object claim) {
        if (claim instanceof java.util.Collection<?> values && values.size() == 1) {
            claim = values.iterator().next();
        }
        if (claim == null) {
            return null;
        }
        try {
            return UUID.fromString(claim.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
