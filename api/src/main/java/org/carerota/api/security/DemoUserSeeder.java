package org.carerota.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the demo users (and encrypted demo access notes) at start-up, after the demo region has
 * been loaded (order 0).
 */
@Component
@Profile("demo")
@Order(DemoUserSeeder.ORDER)
class DemoUserSeeder implements ApplicationRunner {

    /** After the demo region loader (0), before the first rota. */
    static final int ORDER = 10;

    private static final Logger log = LoggerFactory.getLogger(DemoUserSeeder.class);

    private final DemoUserDirectory users;
    private final DemoAccessNotes accessNotes;
    private final SecurityProperties properties;

    DemoUserSeeder(DemoUserDirectory users, DemoAccessNotes accessNotes, SecurityProperties properties) {
        this.users = users;
        this.accessNotes = accessNotes;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().seedUsers()) {
            return;
        }
        Long created = users.seed().block();
        log.info("Demo users: {} created (see api/README.md, \"Demo users\")", created);
        Long notes = accessNotes.seed().block();
        if (notes != null && notes > 0) {
            log.info("Demo access notes: {} service users given encrypted key safe notes", notes);
        }
    }
}
