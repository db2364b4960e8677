package org.carerota.api.carer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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

    /** Longest range of days {@code Carer.shifts} and {@code Carer.absences} answer at once. */
    public static final int MAX_RANGE_DAYS = 92;

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The carers' shifts overlapping the Europe/London days from..to (inclusive), by carer id. */
    public Mono<Map<UUID, List<Shift>>> shifts(Collection<UUID> carerIds, LocalDate from, LocalDate to) {
        checkRange(from, to);
        return transactions
                .readMany(db -> repository.shifts(db, carerIds, startOf(from), startOf(to.plusDays(1))))
                .collect(Collectors.groupingBy(Shift::carerId));
    }

    /** The carers' absences overlapping the Europe/London days from..to (inclusive), by carer id. */
    public Mono<Map<UUID, List<Absence>>> absences(Collection<UUID> carerIds, LocalDate from, LocalDate to) {
        checkRange(from, to);
        return transactions
                .readMany(db -> repository.absences(db, carerIds, startOf(from), startOf(to.plusDays(1))))
                .collect(Collectors.groupingBy(Absence::carerId));
    }

    /** Refuses a range that ends before it starts or is longer than {@link #MAX_RANGE_DAYS} (INVALID_INPUT). */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException("ask for at most " + MAX_RANGE_DAYS + " days at once");
        }
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(LONDON).toOffsetDateTime();
    }

    /** Each carer's skills, by carer id. */
    public Mono<Map<UUID, List<CarerSkill>>> skills(Collection<UUID> carerIds) {
        return transactions
                .readMany(db -> repository.skills(db, carerIds))
                .collect(Collectors.groupingBy(CarerSkill::carerId));
    }
}
