package org.carerota.api.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The demo profile's built-in issuer; nothing here exists outside that profile. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoSecurityConfiguration {

    @Bean
    DemoIssuer demoIssuer(SecurityProperties properties) {
        return new DemoIssuer(properties, new LocalKeys(properties.resolvedKeysDir()), Clock.systemUTC());
    }

    @Bean
    ReactiveJwtDecoder demoJwtDecoder(DemoIssuer issuer) {
        return issuer.decoder();
    }
}
