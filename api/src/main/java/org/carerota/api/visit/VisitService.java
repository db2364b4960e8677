package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.Transactions;
import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Visits as the caller may see them. */
@Service
public class VisitService {

    /** The longest date range one query may ask for. */
    static final int MAX_DAYS = 62;

    private final Transactions transactions;
    private final VisitRepository repository;

    VisitService(Transactions transactions, VisitRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    public Mono<Window<Visit>> visits(Keyset page, LocalDate from, LocalDate to, @Nullable UUID area) {
        if (to.isBefore(from)) {
            return Mono.error(new IllegalArgumentException("to (" + to + ") is before from (" + from + ")"));
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            return Mono.error(new IllegalArgumentException("from..to spans more than " + MAX_DAYS + " days"));
        }
        return transactions
                .readMany(db -> repository.page(db, page, from, to, area))
                .collectList()
                .map(rows -> page.window(
                        rows,
                        visit -> Map.of(
                                "windowStart",
                                visit.windowStart().toString(),
                                "id",
                                visit.id().toString())));
    }

    public Mono<Visit> visit(UUID id) {
        return transactions.read(db -> repository.byIds(db, List.of(id)).next());
    }

    /** Visits by id (those the caller may see). */
    public Mono<Map<UUID, Visit>> visitsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return transactions
                .readMany(db -> repository.byIds(db, Set.copyOf(ids)))
                .collectMap(Visit::id);
    }

    /** Each visit's required skills, by visit id. */
    public Mono<Map<UUID, List<Skill>>> requiredSkills(Collection<UUID> visitIds) {
        return transactions
                .readMany(db -> repository.requiredSkills(db, visitIds))
                .collect(Collectors.groupingBy(
                        VisitRepository.VisitSkill::visitId,
                        Collectors.mapping(VisitRepository.VisitSkill::skill, Collectors.toList())));
    }
}
