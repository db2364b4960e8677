package org.carerota.api.shared.database;

import reactor.core.publisher.Mono;

/** Finds who the current request acts for (from the security context, once authenticated). */
@FunctionalInterface
public interface TenantContextProvider {

    Mono<TenantContext> current();
}
