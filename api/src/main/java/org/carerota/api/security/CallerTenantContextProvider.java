package org.carerota.api.security;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.TenantContextProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Tells each transaction who the request acts for, from the caller's access token. A request
 * without one acts as nobody: row-level security then shows nothing and refuses every write. The
 * platform's own work ({@link TenantContext#SYSTEM}) never comes from here: server code passes it
 * explicitly ({@code Transactions.writeAs}).
 */
@Component
@Primary
class CallerTenantContextProvider implements TenantContextProvider {

    /** Who a transaction without a signed-in caller acts for: nobody. */
    static final TenantContext NOBODY = new TenantContext("anonymous", Caller.NO_ROLE, null, null);

    private final SecurityProperties properties;

    CallerTenantContextProvider(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<TenantContext> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(this::tenantOf)
                .defaultIfEmpty(NOBODY);
    }

    private TenantContext tenantOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return Caller.from(jwt, properties.jwt()).tenantContext();
        }
        return NOBODY;
    }
}
