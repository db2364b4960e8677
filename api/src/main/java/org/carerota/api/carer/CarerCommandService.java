package org.carerota.api.carer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.carerota.api.carer.CarerCommands.AddShiftInput;
import org.carerota.api.carer.CarerCommands.ArchiveCarerInput;
import org.carerota.api.carer.CarerCommands.CarerInvalid;
import org.carerota.api.carer.CarerCommands.CarerNotFound;
import org.carerota.api.carer.CarerCommands.CarerSaved;
import org.carerota.api.carer.CarerCommands.CarerSkillInput;
import org.carerota.api.carer.CarerCommands.CreateCarerInput;
import org.carerota.api.carer.CarerCommands.ShiftAdded;
import org.carerota.api.carer.CarerCommands.StaleCarer;
import org.carerota.api.carer.CarerCommands.UpdateCarerInput;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Creates, changes and archives carers (own organisation's pools only), with optimistic locking. */
@Service
public class CarerCommandService {

    static final Set<String> TRAVEL_MODES = Set.of("WALK", "BICYCLE", "CAR", "PUBLIC_TRANSPORT");
    static final Set<String> GENDERS = Set.of("F", "M", "X");
    static final Set<String> PAY_MODELS = Set.of("HOURLY", "PER_CONTACT_HOUR", "PER_VISIT");

    private final Transactions transactions;
    private final CarerCommandRepository repository;
    private final CarerRepository carers;
    private final Clock clock;

    CarerCommandService(
            Transactions transactions, CarerCommandRepository repository, CarerRepository carers, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.carers = carers;
        this.clock = clock;
    }

    public Mono<CarerCommands.CreateCarerResult> createCarer(CreateCarerInput in) {
        CarerInvalid invalid = validate(
                in.name(),
                in.homeLat(),
                in.homeLon(),
                in.homePostcode(),
                in.contractedMinutesPerWeek(),
                in.maxWorkingMinutesPerDay(),
                in.payRate(),
                in.skills());
        if (invalid == null && in.externalRef() != null && in.externalRef().length() > 200) {
            invalid = CarerInvalid.of("externalRef", "at most 200 characters");
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        List<CarerSkillInput> skills = in.skills() == null ? List.of() : in.skills();
        return transactions.write(db -> repository
                .poolOrganisation(db, in.pool())
                .flatMap(organisation -> repository.unknownSkills(db, skills).flatMap(unknown -> {
                    if (!unknown.isEmpty()) {
                        return Mono.just((CarerCommands.CreateCarerResult)
                                CarerInvalid.of("skills", "unknown skill code(s): " + String.join(", ", unknown)));
                    }
                    return repository
                            .insert(db, organisation, in)
                            .flatMap(id -> repository
                                    .replaceSkills(db, id, organisation, skills)
                                    .then(carers.byIds(db, List.of(id)).next()))
                            .map(CarerSaved::new);
                }))
                .defaultIfEmpty(CarerInvalid.of("pool", "not a pool of your organisation")));
    }

    public Mono<CarerCommands.UpdateCarerResult> updateCarer(UpdateCarerInput in) {
        CarerInvalid invalid = validate(
                in.name() == null ? "x" : in.name(),
                in.homeLat() == null ? 0 : in.homeLat(),
                in.homeLon() == null ? 0 : in.homeLon(),
                in.homePostcode(),
                in.contractedMinutesPerWeek(),
                in.maxWorkingMinutesPerDay(),
                in.payRate(),
                in.skills());
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return transactions.write(db -> repository
                .version(db, in.id())
                .flatMap(current -> {
                    if (current != in.expectedVersion()) {
                        return Mono.just((CarerCommands.UpdateCarerResult) StaleCarer.of(current));
                    }
                    Mono<List<String>> unknown =
                            in.skills() == null ? Mono.just(List.of()) : repository.unknownSkills(db, in.skills());
                    return unknown.flatMap(codes -> {
                        if (!codes.isEmpty()) {
                            return Mono.just((CarerCommands.UpdateCarerResult)
                                    CarerInvalid.of("skills", "unknown skill code(s): " + String.join(", ", codes)));
                        }
                        return repository
                                .update(db, in)
                                .flatMap(rows -> rows == 0
                                        ? Mono.just((CarerCommands.UpdateCarerResult) StaleCarer.of(current))
                                        : (in.skills() == null
                                                        ? Mono.just(0L)
                                                        : repository
                                                                .ownCarerOrganisation(db, in.id())
                                                                .flatMap(org -> repository.replaceSkills(
                                                                        db, in.id(), org, in.skills())))
                                                .then(carers.byIds(db, List.of(in.id()))
                                                        .next())
                                                .map(CarerSaved::new));
                    });
                })
                .defaultIfEmpty(CarerNotFound.of(in.id())));
    }

    public Mono<CarerCommands.ArchiveCarerResult> archiveCarer(ArchiveCarerInput in) {
        return transactions.write(db -> repository
                .version(db, in.id())
                .flatMap(current -> current != in.expectedVersion()
                        ? Mono.just((CarerCommands.ArchiveCarerResult) StaleCarer.of(current))
                        : repository
                                .archive(db, in.id(), current)
                                .then(carers.byIds(db, List.of(in.id())).next())
                                .map(CarerSaved::new))
                .defaultIfEmpty(CarerNotFound.of(in.id())));
    }

    public Mono<CarerCommands.AddShiftResult> addShift(AddShiftInput in) {
        if (!in.endsAt().isAfter(in.startsAt())) {
            return Mono.just(CarerInvalid.of("endsAt", "must be after startsAt"));
        }
        if (Duration.between(in.startsAt(), in.endsAt()).toHours() > 24) {
            return Mono.just(CarerInvalid.of("endsAt", "a shift lasts at most 24 hours"));
        }
        return transactions.write(db -> repository
                .ownCarerOrganisation(db, in.carerId())
                .flatMap(org -> repository
                        .insertShift(db, in.carerId(), org, in.startsAt(), in.endsAt())
                        .flatMap(id -> carers.byIds(db, List.of(in.carerId()))
                                .next()
                                .map(carer -> (CarerCommands.AddShiftResult) new ShiftAdded(id, carer))))
                .defaultIfEmpty(CarerNotFound.of(in.carerId())));
    }

    public Mono<CarerCommands.RemoveShiftResult> removeShift(CarerCommands.RemoveCarerTimeInput in) {
        return removeCarerTime("shifts", in)
                .map(done -> done instanceof CarerCommands.CarerSaved saved
                        ? new CarerCommands.ShiftRemoved(in.id(), saved.carer())
                        : (CarerCommands.RemoveShiftResult) done);
    }

    public Mono<CarerCommands.RemoveAbsenceResult> removeAbsence(CarerCommands.RemoveCarerTimeInput in) {
        return removeCarerTime("absences", in)
                .map(done -> done instanceof CarerCommands.CarerSaved saved
                        ? new CarerCommands.AbsenceRemoved(in.id(), saved.carer())
                        : (CarerCommands.RemoveAbsenceResult) done);
    }

    /**
     * Deletes a future shift or absence of the caller's organisation, if still at the expected
     * version. Answers the carer (as a {@code CarerSaved}) or the problem. It does not re-plan:
     * a draft or published rota of that day is re-planned by the coordinator (same-day tools).
     */
    private Mono<Object> removeCarerTime(String table, CarerCommands.RemoveCarerTimeInput in) {
        return transactions.write(db -> repository
                .carerTime(db, table, in.id())
                .flatMap(found -> {
                    if (found.version() != in.expectedVersion()) {
                        return Mono.<Object>just(CarerCommands.StaleCarerTime.of(found.version()));
                    }
                    if (!found.startsAt().toInstant().isAfter(clock.instant())) {
                        return Mono.<Object>just(CarerCommands.CarerTimeStarted.of(found.startsAt()));
                    }
                    return repository
                            .deleteCarerTime(db, table, in.id(), found.version())
                            .then(carers.byIds(db, List.of(found.carerId())).next())
                            .map(carer -> (Object) new CarerSaved(carer));
                })
                .defaultIfEmpty(CarerCommands.CarerTimeNotFound.of(in.id())));
    }

    /**
     * Imports rows all-or-nothing in one transaction: pools (by id or name, own organisation),
     * skill codes and references are checked first; any problem and nothing is written.
     */
    public Mono<List<CarerCommands.ImportProblem>> importCarers(List<CarerCommands.CarerImportRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        java.util.Set<String> pools = new java.util.LinkedHashSet<>();
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        rows.forEach(r -> {
            pools.add(r.pool());
            if (r.externalRef() != null) {
                refs.add(r.externalRef());
            }
            r.skills().forEach(s -> codes.add(s.code()));
        });
        return transactions
                .write(db -> reactor.core.publisher.Flux.fromIterable(pools)
                        .concatMap(pool ->
                                repository.poolByIdOrName(db, pool).map(found -> java.util.Map.entry(pool, found)))
                        .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)
                        .zipWith(repository.unknownSkills(
                                db,
                                codes.stream()
                                        .map(c -> new CarerSkillInput(c, null))
                                        .toList()))
                        .zipWith(repository.existingRefs(db, refs))
                        .flatMap(t -> {
                            java.util.Map<String, CarerCommandRepository.PoolRef> known =
                                    t.getT1().getT1();
                            java.util.Set<String> unknownSkills =
                                    new java.util.HashSet<>(t.getT1().getT2());
                            java.util.Set<String> taken = new java.util.HashSet<>(t.getT2());
                            List<CarerCommands.ImportProblem> problems = new java.util.ArrayList<>();
                            for (CarerCommands.CarerImportRow r : rows) {
                                if (!known.containsKey(r.pool())) {
                                    problems.add(new CarerCommands.ImportProblem(
                                            r.row(), "pool", r.pool(), "not a pool of your organisation (id or name)"));
                                }
                                r.skills().stream()
                                        .filter(s -> unknownSkills.contains(s.code()))
                                        .forEach(s -> problems.add(new CarerCommands.ImportProblem(
                                                r.row(), "skills", s.code(), "unknown skill code")));
                                if (r.externalRef() != null && taken.contains(r.externalRef())) {
                                    problems.add(new CarerCommands.ImportProblem(
                                            r.row(),
                                            "external_ref",
                                            r.externalRef(),
                                            "a carer with this reference exists"));
                                }
                            }
                            if (!problems.isEmpty()) {
                                return Mono.just(problems);
                            }
                            return reactor.core.publisher.Flux.fromIterable(rows)
                                    .concatMap(r -> {
                                        CarerCommandRepository.PoolRef pool = known.get(r.pool());
                                        CreateCarerInput in = new CreateCarerInput(
                                                r.name(),
                                                pool.id(),
                                                r.homeLat(),
                                                r.homeLon(),
                                                r.homePostcode(),
                                                r.travelMode(),
                                                r.gender(),
                                                r.contractedMinutesPerWeek(),
                                                r.maxWorkingMinutesPerDay(),
                                                r.payModel(),
                                                r.payRate(),
                                                r.skills(),
                                                r.externalRef());
                                        return repository
                                                .insert(db, pool.organisation(), in)
                                                .flatMap(id -> repository.replaceSkills(
                                                        db, id, pool.organisation(), r.skills()));
                                    })
                                    .then(Mono.just(List.<CarerCommands.ImportProblem>of()));
                        }))
                .onErrorResume(
                        org.springframework.dao.DataIntegrityViolationException.class,
                        e -> Mono.just(
                                List.of(
                                        new CarerCommands.ImportProblem(
                                                0,
                                                "",
                                                "",
                                                "the database refused a row (a duplicate or an invalid value); nothing was imported"))));
    }

    private static @Nullable CarerInvalid validate(
            String name,
            double lat,
            double lon,
            @Nullable String postcode,
            @Nullable Integer contracted,
            @Nullable Integer maxPerDay,
            @Nullable Double payRate,
            @Nullable List<CarerSkillInput> skills) {
        if (name.isBlank() || name.length() > 200) {
            return CarerInvalid.of("name", "must be 1 to 200 characters");
        }
        if (lat < -90 || lat > 90 || Double.isNaN(lat)) {
            return CarerInvalid.of("homeLat", "must be between -90 and 90");
        }
        if (lon < -180 || lon > 180 || Double.isNaN(lon)) {
            return CarerInvalid.of("homeLon", "must be between -180 and 180");
        }
        if (postcode != null && postcode.length() > 16) {
            return CarerInvalid.of("homePostcode", "at most 16 characters");
        }
        if (contracted != null && (contracted < 0 || contracted > 10080)) {
            return CarerInvalid.of("contractedMinutesPerWeek", "must be between 0 and 10080");
        }
        if (maxPerDay != null && (maxPerDay < 1 || maxPerDay > 1440)) {
            return CarerInvalid.of("maxWorkingMinutesPerDay", "must be between 1 and 1440");
        }
        if (payRate != null && (payRate < 0 || payRate > 10_000 || payRate.isNaN())) {
            return CarerInvalid.of("payRate", "must be between 0 and 10000");
        }
        if (skills != null) {
            if (skills.size() > 50) {
                return CarerInvalid.of("skills", "at most 50 skills");
            }
            if (skills.stream().map(CarerSkillInput::code).distinct().count() != skills.size()) {
                return CarerInvalid.of("skills", "a skill is listed twice");
            }
        }
        return null;
    }
}
