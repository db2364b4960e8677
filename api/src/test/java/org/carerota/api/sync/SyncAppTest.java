package org.carerota.api.sync;

import org.carerota.api.shared.database.Transactions;
import org.carerota.sync.SyncService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the sync tests: the application of {@link SyncTestApp} (demo profile, small demo
 * region, demo users) on its own database. Subclasses that add no configuration share one
 * application context; the property-source method is declared here once because Spring's context
 * cache keys contexts by those methods, so a copy in each class gave each class a context of its
 * own on the same database (see {@code org.carerota.api.support.ApiTest}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "carerota.demo.load-region=true",
            "carerota.demo.size=S",
            "carerota.demo.days=2",
            "carerota.sync.live-heartbeat=2s"
        })
@ActiveProfiles({"test", "demo"})
abstract class SyncAppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SyncTestApp.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Transactions transactions;

    @Autowired
    SyncService sync;
}
