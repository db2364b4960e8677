package org.carerota.api.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application: Europe/London, replaceable in tests. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Care is planned in Europe/London local time (DESIGN.md). */
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
