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

    @Test
    void shouldTakeTheOneCareRotaRoleWhenClaimIsAnArray() {
        assertThat(Role.fromClaim(java.util.List.of("Reader", "coordinator", "offline_access")))
                .contains(Role.COORDINATOR);
        assertThat(Role.fromClaim(java.util.List.of("CARER", "carer"))).contains(Role.CARER);
    }

    @Test
    void shouldNameNoRoleWhenArrayNamesTwoCareRotaRoles() {
        assertThat(Role.fromClaim(java.util.List.of("COORDINATOR", "ADMIN"))).isEmpty();
        assertThat(Role.fromClaim(java.util.List.of("Reader"))).isEmpty();
        assertThat(Role.fromClaim(java.util.List.of())).isEmpty();
    }

    @Test
    void shouldSayWhyWhenTokenGivesNoAccess() {
        Jwt twoRoles = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim("role", java.util.List.of("COORDINATOR", "ADMIN"))
                .claim("organisation_id", ORG)
                .build();
        assertThat(Caller.whyNoAccess(twoRoles, CLAIMS))
                .hasValueSatisfying(why -> assertThat(why).contains("more than one CareRota role"));
        assertThat(Caller.from(twoRoles, CLAIMS).role()).isEmpty();
        Jwt noRole = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim("groups", "x")
                .build();
        assertThat(Caller.whyNoAccess(noRole, CLAIMS))
                .hasValueSatisfying(why -> assertThat(why).contains("no CareRota role"));
        Jwt noOrganisation = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim("role", "ADMIN")
                .build();
        assertThat(Caller.whyNoAccess(noOrganisation, CLAIMS))
                .hasValueSatisfying(why -> assertThat(why).contains("no CareRota organisation"));
        assertThat(Caller.whyNoAccess(jwt("ADMIN", ORG, null), CLAIMS)).isEmpty();
    }

    @Test
    void shouldReadNestedClaimWhenNameIsAPath() {
        Jwt keycloak = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim(
                        "realm_access",
                        java.util.Map.of("roles", java.util.List.of("default-roles-care", "commissioner")))
                .claim("organisation_id", ORG)
                .build();
        SecurityProperties.Jwt nested = new SecurityProperties.Jwt("realm_access.roles", "organisation_id", "carer_id");
        assertThat(Caller.from(keycloak, nested).role()).contains(Role.COMMISSIONER);
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
