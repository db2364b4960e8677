package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RoleTests {

    private static final SecurityProperties.Jwt CLAIMS =
            new SecurityProperties.Jwt("role", "organisation_id", "carer_id");
    private static final String ORG = "00000000-0000-0000-0000-00000000000a";

    @Test
    void shouldNameNoRoleWhenClaimIsSystem() {
        assertThat(Role.fromClaim("SYSTEM")).isEmpty();
        assertThat(Role.fromClaim("ROLE_SYSTEM")).isEmpty();
    }

    @Test
    void shouldReadRoleWhenClaimInAnyCase() {
        assertThat(Role.fromClaim("coordinator")).contains(Role.COORDINATOR);
        assertThat(Role.fromClaim("ROLE_CARER")).contains(Role.CARER);
    }

    @Test
    void shouldActAsNobodyWhenTokenClaimsSystem() {
        Caller caller = Caller.from(jwt("SYSTEM", ORG, null), CLAIMS);
        assertThat(caller.tenantContext().role()).isEqualTo("NONE");
    }

    @Test
    void shouldActAsNobodyWhenCarerTokenLacksCarerId() {
        Caller caller = Caller.from(jwt("CARER", ORG, null), CLAIMS);
        assertThat(caller.tenantContext().role()).isEqualTo("NONE");
    }

    @Test
    void shouldActAsNobodyWhenOrganisationIsNotAUuid() {
        Caller caller = Caller.from(jwt("ADMIN", "' or 1=1 --", null), CLAIMS);
        assertThat(caller.tenantContext().role()).isEqualTo("NONE");
        assertThat(caller.tenantContext().organisationId()).isNull();
    }

    @Test
    void shouldDropCarerIdWhenRoleIsNotCarer() {
        Caller caller = Caller.from(jwt("COORDINATOR", ORG, UUID.randomUUID().toString()), CLAIMS);
        assertThat(caller.tenantContext().role()).isEqualTo("COORDINATOR");
        assertThat(caller.tenantContext().carerId()).isNull();
        assertThat(caller.tenantContext().organisationId()).isEqualTo(UUID.fromString(ORG));
    }

    private static Jwt jwt(String role, String organisation, @org.jspecify.annotations.Nullable String carer) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60))
                .claim("role", role)
                .claim("organisation_id", organisation);
        if (carer != null) {
            builder.claim("carer_id", carer);
        }
        return builder.build();
    }
}
