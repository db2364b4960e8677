package org.carerota.api.organisation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.Transactions;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organisations, pools and areas as the caller may see them. */
@Service
public class OrganisationService {

    private final Transactions transactions;
    private final OrganisationRepository repository;
    private final Clock clock;

    OrganisationService(Transactions transactions, OrganisationRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    public Flux<Organisation> organisations() {
        return transactions.readMany(repository::organisations);
    }

    public Mono<Organisation> organisation(UUID id) {
        return transactions.read(db -> repository.organisations(db, List.of(id)).next());
    }

    public Flux<Pool> pools() {
        return transactions.readMany(repository::pools);
    }

    public Flux<Area> areas() {
        return transactions.readMany(repository::areas);
    }

    /** The catalogue's skills in use (a picker), or all of them with {@code includeArchived}. */
    public Flux<OrganisationCommands.CatalogueSkill> skills(boolean includeArchived) {
        return transactions.readMany(db -> repository.skills(db, includeArchived));
    }

    /** The caller's own organisation's settings among these ids, by organisation id. */
    public Mono<Map<UUID, OrganisationSettings>> settings(Collection<UUID> ids) {
        return byId(transactions.readMany(db -> repository.settings(db, ids)), OrganisationSettings::organisationId);
    }

    /** Organisations by id, for batch loading. */
    public Mono<Map<UUID, Organisation>> organisationsById(Collection<UUID> ids) {
        return byId(transactions.readMany(db -> repository.organisations(db, ids)), Organisation::id);
    }

    /** Pools by id, for batch loading. */
    public Mono<Map<UUID, Pool>> poolsById(Collection<UUID> ids) {
        return byId(transactions.readMany(db -> repository.pools(db, ids)), Pool::id);
    }

    /** Areas by id, for batch loading. */
    public Mono<Map<UUID, Area>> areasById(Collection<UUID> ids) {
        return byId(transactions.readMany(db -> repository.areas(db, ids)), Area::id);
    }

    /** The pools each organisation owns. */
    public Mono<Map<UUID, List<Pool>>> poolsByOwner(Collection<UUID> organisationIds) {
        return transactions
                .readMany(db -> repository.poolsOwnedBy(db, organisationIds))
                .collect(Collectors.groupingBy(Pool::organisationId));
    }

    /** The commissioners each pool may serve by an agreement in force today. */
    public Mono<Map<UUID, List<Organisation>>> commissionersServed(Collection<UUID> poolIds) {
        LocalDate today = LocalDate.now(clock);
        return transactions
                .readMany(db -> repository.commissionersServed(db, poolIds, today))
                .collect(Collectors.groupingBy(
                        OrganisationRepository.PoolCommissioner::poolId,
                        Collectors.mapping(
                                OrganisationRepository.PoolCommissioner::commissioner, Collectors.toList())));
    }

    static <K, V> Mono<Map<K, V>> byId(Flux<V> values, Function<V, K> key) {
        return values.collectMap(key);
    }
}
