package org.carerota.api.security;

import java.util.List;
import java.util.UUID;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The demo users: created once, after the demo region (organisations found by their
 * {@code external_ref}), and looked up when the built-in issuer signs a token. Both are the
 * platform's own work (SYSTEM): nobody is signed in yet.
 */
@Service
@Profile("demo")
public class DemoUserDirectory {

    private static final Logger log = LoggerFactory.getLogger(DemoUserDirectory.class);

    /** A demo user as the issuer needs them. */
    public record DemoUser(
            String username, Role role, UUID organisationId, @Nullable UUID carerId, @Nullable String displayName) {}

    /** A documented demo user (api/README.md, "Demo users"). */
    record Seed(String username, Role role, String organisationRef, String displayName) {}

    /** Every role in two organisations, plus the other commissioners and the council's own team. */
    static final List<Seed> SEEDS = List.of(
            new Seed("admin.norfolk", Role.ADMIN, "demo:provider-norfolk", "Alex Admin (Broadland Home Care)"),
            new Seed(
                    "coordinator.norfolk",
                    Role.COORDINATOR,
                    "demo:provider-norfolk",
                    "Chris Coordinator (Broadland Home Care)"),
            new Seed("carer.norfolk", Role.CARER, "demo:provider-norfolk", "Broadland Home Care carer"),
            new Seed("admin.waveney", Role.ADMIN, "demo:provider-waveney", "Sam Admin (Waveney Care at Home)"),
            new Seed(
                    "coordinator.waveney",
                    Role.COORDINATOR,
                    "demo:provider-waveney",
                    "Jo Coordinator (Waveney Care at Home)"),
            new Seed("carer.waveney", Role.CARER, "demo:provider-waveney", "Waveney Care at Home carer"),
            new Seed(
                    "coordinator.reablement",
                    Role.COORDINATOR,
                    "demo:council-norfolk",
                    "Rita Reablement (Norfolk County Council)"),
            new Seed(
                    "commissioner.norfolk",
                    Role.COMMISSIONER,
                    "demo:council-norfolk",
                    "Nick Commissioner (Norfolk County Council)"),
            new Seed(
                    "commissioner.suffolk",
                    Role.COMMISSIONER,
                    "demo:council-suffolk",
                    "Sue Commissioner (Suffolk County Council)"),
            new Seed(
                    "commissioner.icb",
                    Role.COMMISSIONER,
                    "demo:icb",
                    "Imran Commissioner (NHS Norfolk and Waveney ICB)"));

    private final Transactions transactions;

    DemoUserDirectory(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The enabled user with this name (case-insensitive), if any. */
    public Mono<DemoUser> find(String username) {
        return transactions.readAs(TenantContext.SYSTEM, db -> db.sql(
                        "select username, role, organisation_id, carer_id, display_name from app_users"
                                + " where lower(username) = lower(:username) and disabled_at is null")
                .bind("username", username)
                .map(row -> new DemoUser(
                        row.get("username", String.class),
                        Role.valueOf(row.get("role", String.class)),
                        row.get("organisation_id", UUID.class),
                        row.get("carer_id", UUID.class),
                        row.get("display_name", String.class)))
                .one());
    }

    /**
     * Creates the demo users that are missing (idempotent). A user whose organisation is not in
     * the database (the region not loaded) is skipped; a carer user is linked to the carer of
     * their organisation with the most shifts.
     *
     * @return how many users were created
     */
    public Mono<Long> seed() {
        return transactions.writeAs(
                TenantContext.SYSTEM,
                db -> Flux.fromIterable(SEEDS).concatMap(seed -> seed(db, seed)).reduce(0L, Long::sum));
    }

    private Mono<Long> seed(DatabaseClient db, Seed seed) {
        String carer = seed.role() == Role.CARER
                ? "(select c.id from carers c where c.organisation_id = o.id and c.archived_at is null"
                        + " and not exists (select 1 from app_users u where u.carer_id = c.id)"
                        + " order by (select count(*) from shifts s where s.carer_id = c.id) desc, c.external_ref, c.id"
                        + " limit 1)"
                : "null::uuid";
        String sql = "insert into app_users (organisation_id, username, display_name, role, carer_id)"
                + " select o.id, :username, :display, :role, " + carer
                + " from organisations o where o.external_ref = :ref"
                + " and not exists (select 1 from app_users u where lower(u.username) = lower(:username))"
                + (seed.role() == Role.CARER
                        ? " and exists (select 1 from carers c where c.organisation_id = o.id and c.archived_at is null"
                                + " and not exists (select 1 from app_users u where u.carer_id = c.id))"
                        : "");
        return db.sql(sql)
                .bind("username", seed.username())
                .bind("display", seed.displayName())
                .bind("role", seed.role().name())
                .bind("ref", seed.organisationRef())
                .fetch()
                .rowsUpdated()
                .doOnNext(created -> {
                    if (created > 0) {
                        log.info("Demo user {} ({}, {}) created", seed.username(), seed.role(), seed.organisationRef());
                    }
                });
    }
}
