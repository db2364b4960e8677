package org.carerota.api.carer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.Transactions;
import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Carers as the caller may see them. */
@Service
public class CarerService {

    private final Transactions transactions;
    private final CarerRepository repository;
    private final Clock clock;

    CarerService(Transactions transactions, CarerRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    public Mono<Window<Carer>> carers(Keyset page, @Nullable UUID pool, @Nullable String skill) {
        LocalDate today = LocalDate.now(clock);
        return transactions
                .readMany(db -> repository.page(db, page, pool, skill, today))
                .collectList()
                .map(rows -> page.window(
                        rows,
                        carer -> Map.of("name", carer.name(), "id", carer.id().toString())));
    }

    public Mono<Carer> carer(UUID id) {
        return transactions.read(db -> repository.byIds(db, List.of(id)).next());
    }

    public Mono<Map<UUID, Carer>> carersById(Collection<UUID> ids) {
        return transactions.readMany(db -> repository.byIds(db, ids)).collectMap(Carer::id);
    }

    /** Each carer's skills, by carer id. */
    public Mono<Map<UUID, List<CarerSkill>>> skills(Collection<UUID> carerIds) {
        return transactions
                .readMany(db -> repository.skills(db, carerIds))
                .collect(Collectors.groupingBy(CarerSkill::carerId));
    }
}
