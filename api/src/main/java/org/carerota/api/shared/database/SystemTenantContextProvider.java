package org.carerota.api.shared.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.publisher.Mono;

/**
 * Until requests are authenticated, every transaction acts as the platform itself. Security
 * replaces this bean with one that reads the caller's token.
 */
@Configuration(proxyBeanMethods = false)
class SystemTenantContextProvider {

    @Bean
    @ConditionalOnMissingBean
    TenantContextProvider tenantContextProvider() {
        return () -> Mono.just(TenantContext.SYSTEM);
    }
}
