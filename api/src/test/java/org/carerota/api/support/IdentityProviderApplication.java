package org.carerota.api.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application outside the demo profile, signing people in through {@link StubOpenIdProvider}
 * (issuer-uri, client id), with a map tile server configured ({@link #TILES}), on a database of
 * its own holding the small demo region from today (loaded by the first test). Every test class
 * that extends it shares one Spring context (the same properties and the same
 * {@code @DynamicPropertySource} method): the HTTP-level tests and the browser scenario.
 *
 * <p>The provider's users: {@code coordinator}, {@code carer}, {@code commissioner} (Broadland
 * Home Care's coordinator and busiest carer of today, Norfolk County Council's commissioner),
 * {@code entra-coordinator} (the role in an array claim, as Entra ID sends app roles),
 * {@code two-roles} (an array naming two CareRota roles) and {@code no-role} (no role, no
 * organisation).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IdentityProviderApplication {

    /** The provider, one for the JVM (its port is part of the application's configuration). */
    public static final StubOpenIdProvider IDP =
            new StubOpenIdProvider().allowRedirectsUnder("http://127.0.0.1:").allowRedirectsUnder("http://localhost:");

    /** A tile server stub the map is pointed at (see {@link TileServerStub}). */
    public static final TileServerStub TILES = new TileServerStub();

    public static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    public static final UUID COUNCIL = DemoRegionFixture.organisation("demo:council-norfolk");

    private static volatile boolean loaded;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        BrowserScenario.registerOwnDatabase(registry, "idp");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", IDP::issuer);
        registry.add("carerota.security.oidc.client-id", () -> StubOpenIdProvider.CLIENT_ID);
        registry.add("carerota.security.oidc.scopes", () -> "profile email");
        registry.add("carerota.map.tile-url", TILES::template);
        registry.add("carerota.map.attribution", () -> "Tiles: test stub");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Transactions transactions;

    /** Loads the region (once) and gives the provider its users. */
    @BeforeEach
    void loadRegionAndUsers() {
        synchronized (IdentityProviderApplication.class) {
            if (loaded) {
                return;
            }
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            DemoRegionFixture.loadFrom(transactions, today);
            IDP.user("coordinator", Map.of("role", "COORDINATOR", "organisation_id", PROVIDER.toString()));
            IDP.user("commissioner", Map.of("role", "COMMISSIONER", "organisation_id", COUNCIL.toString()));
            IDP.user(
                    "entra-coordinator",
                    Map.of("role", List.of("Reader", "coordinator"), "organisation_id", PROVIDER.toString()));
            IDP.user(
                    "two-roles",
                    Map.of("role", List.of("COORDINATOR", "ADMIN"), "organisation_id", PROVIDER.toString()));
            IDP.user("no-role", Map.of("groups", List.of("staff")));
            UUID carer = busiestCarerToday(today);
            IDP.user(
                    "carer",
                    Map.of("role", "CARER", "organisation_id", PROVIDER.toString(), "carer_id", carer.toString()));
            carerId = carer;
            loaded = true;
        }
    }

    private static volatile UUID carerId;

    /** The carer the provider's {@code carer} user is. */
    protected static UUID carerId() {
        return carerId;
    }

    private UUID busiestCarerToday(LocalDate today) {
        return java.util.Objects.requireNonNull(transactions
                .readAs(org.carerota.api.shared.database.TenantContext.SYSTEM, db -> db.sql(
                                "select c.id from carers c join shifts s on s.carer_id = c.id"
                                        + " where c.organisation_id = :org and s.starts_at::date = :day"
                                        + " group by c.id order by count(*) desc, c.id limit 1")
                        .bind("org", PROVIDER)
                        .bind("day", today)
                        .map((row, meta) -> row.get(0, UUID.class))
                        .one())
                .block());
    }
}
