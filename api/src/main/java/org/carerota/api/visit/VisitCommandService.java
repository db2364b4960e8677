package org.carerota.api.visit;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.carerota.api.shared.database.Transactions;
import org.carerota.api.visit.VisitCommands.CarePackageCreated;
import org.carerota.api.visit.VisitCommands.CreateCarePackageInput;
import org.carerota.api.visit.VisitCommands.CreateVisitInput;
import org.carerota.api.visit.VisitCommands.VisitCreated;
import org.carerota.api.visit.VisitCommands.VisitInvalid;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One-off visits and care packages whose recurring templates expand into dated visits. */
@Service
public class VisitCommandService {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Set<String> PRIORITIES = Set.of("TIME_CRITICAL", "HIGH", "NORMAL", "LOW");
    static final int MAX_EXPANSION_DAYS = 62;

    private final Transactions transactions;
    private final VisitCommandRepository repository;
    private final VisitRepository visits;

    VisitCommandService(Transactions transactions, VisitCommandRepository repository, VisitRepository visits) {
        this.transactions = transactions;
        this.repository = repository;
        this.visits = visits;
    }

    /** One dated visit to insert (from a template or one-off). */
    record NewVisit(
            @Nullable Integer template,
            OffsetDateTime windowStart,
            OffsetDateTime windowEnd,
            @Nullable OffsetDateTime preferredStart,
            int durationMinutes,
            int carersRequired,
            String priority,
            List<String> skills) {}

    public Mono<VisitCommands.CreateVisitResult> createVisit(CreateVisitInput in) {
        int carers = in.carersRequired() == null ? 1 : in.carersRequired();
        String priority = in.priority() == null ? "NORMAL" : in.priority();
        List<String> skills = in.requiredSkills() == null ? List.of() : in.requiredSkills();
        VisitInvalid invalid = null;
        if (!in.windowEnd().isAfter(in.windowStart())) {
            invalid = VisitInvalid.of("windowEnd", "must be after windowStart");
        } else if (Duration.between(in.windowStart(), in.windowEnd()).toHours() > 24) {
            invalid = VisitInvalid.of("windowEnd", "a window lasts at most 24 hours");
        } else if (in.preferredStart() != null
                && (in.preferredStart().isBefore(in.windowStart())
                        || in.preferredStart().isAfter(in.windowEnd()))) {
            invalid = VisitInvalid.of("preferredStart", "must be inside the window");
        } else {
            invalid = common(in.durationMinutes(), carers, priority, skills, "");
        }
        if (invalid == null && in.note() != null && in.note().length() > 1000) {
            invalid = VisitInvalid.of("note", "at most 1000 characters");
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        NewVisit visit = new NewVisit(
                null,
                in.windowStart(),
                in.windowEnd(),
                in.preferredStart(),
                in.durationMinutes(),
                carers,
                priority,
                skills);
        return transactions.write(db -> repository
                .person(db, in.serviceUserId())
                .flatMap(person -> repository
                        .commissionerExists(db, in.commissionerId())
                        .flatMap(known -> {
                            if (!known) {
                                return Mono.just((VisitCommands.CreateVisitResult)
                                        VisitInvalid.of("commissionerId", "no such organisation"));
                            }
                            return repository
                                    .unknownSkills(db, skills)
                                    .flatMap(unknown -> !unknown.isEmpty()
                                            ? Mono.just((VisitCommands.CreateVisitResult) VisitInvalid.of(
                                                    "requiredSkills", "unknown skill code(s): " + unknown))
                                            : repository
                                                    .insertVisits(
                                                            db,
                                                            person,
                                                            in.commissionerId(),
                                                            null,
                                                            List.of(),
                                                            List.of(visit),
                                                            in.note())
                                                    .flatMap(ids -> visits.byIds(db, ids)
                                                            .next())
                                                    .map(VisitCreated::new));
                        }))
                .defaultIfEmpty(VisitInvalid.of("serviceUserId", "no such person in your organisation")));
    }

    public Mono<VisitCommands.CreateCarePackageResult> createCarePackage(CreateCarePackageInput in) {
        VisitInvalid invalid = validatePackage(in);
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return transactions.write(db -> insertCarePackage(db, in));
    }

    /** The first problem of a care package's input that needs no database, or null. */
    static @Nullable VisitInvalid validatePackage(CreateCarePackageInput in) {
        LocalDate from = in.expandFrom() == null ? in.startsOn() : in.expandFrom();
        LocalDate to = in.expandTo() == null ? from.plusDays(6) : in.expandTo();
        VisitInvalid invalid = null;
        if (in.endsOn() != null && in.endsOn().isBefore(in.startsOn())) {
            invalid = VisitInvalid.of("endsOn", "must not be before startsOn");
        } else if (to.isBefore(from)) {
            invalid = VisitInvalid.of("expandTo", "must not be before expandFrom");
        } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_EXPANSION_DAYS) {
            invalid = VisitInvalid.of("expandTo", "expand at most " + MAX_EXPANSION_DAYS + " days at once");
        } else if (in.templates().isEmpty() || in.templates().size() > 28) {
            invalid = VisitInvalid.of("templates", "give 1 to 28 templates");
        } else if (in.reference() != null && in.reference().length() > 200) {
            invalid = VisitInvalid.of("reference", "at most 200 characters");
        }
        for (int i = 0; invalid == null && i < in.templates().size(); i++) {
            invalid = template(in.templates().get(i), "templates[" + i + "].");
            if (invalid == null && in.templates().get(i).id() != null) {
                invalid = VisitInvalid.of("templates[" + i + "].id", "only for updateCarePackage");
            }
        }
        return invalid;
    }

    /** Writes a validated package, its templates and its visits for the horizon, in the caller's transaction. */
    private Mono<VisitCommands.CreateCarePackageResult> insertCarePackage(
            DatabaseClient db, CreateCarePackageInput in) {
        LocalDate from = in.expandFrom() == null ? in.startsOn() : in.expandFrom();
        LocalDate to = in.expandTo() == null ? from.plusDays(6) : in.expandTo();
        List<String> allSkills = in.templates().stream()
                .flatMap(t -> t.requiredSkills() == null
                        ? java.util.stream.Stream.<String>empty()
                        : t.requiredSkills().stream())
                .distinct()
                .toList();
        List<NewVisit> expanded = expand(in, from, to);
        return repository
                .person(db, in.serviceUserId())
                .flatMap(person -> repository
                        .commissionerExists(db, in.commissionerId())
                        .flatMap(known -> {
                            if (!known) {
                                return Mono.just((VisitCommands.CreateCarePackageResult)
                                        VisitInvalid.of("commissionerId", "no such organisation"));
                            }
                            return repository
                                    .unknownSkills(db, allSkills)
                                    .flatMap(unknown -> !unknown.isEmpty()
                                            ? Mono.just((VisitCommands.CreateCarePackageResult)
                                                    VisitInvalid.of("templates", "unknown skill code(s): " + unknown))
                                            : repository
                                                    .insertPackage(db, person, in)
                                                    .flatMap(packageId -> Flux.fromIterable(in.templates())
                                                            .concatMap(t ->
                                                                    repository.insertTemplate(db, person, packageId, t))
                                                            .collectList()
                                                            .flatMap(templateIds -> repository.insertVisits(
                                                                    db,
                                                                    person,
                                                                    in.commissionerId(),
                                                                    packageId,
                                                                    templateIds,
                                                                    expanded,
                                                                    null))
                                                            .map(ids -> (VisitCommands.CreateCarePackageResult)
                                                                    new CarePackageCreated(packageId, ids.size()))));
                        }))
                .defaultIfEmpty(VisitInvalid.of("serviceUserId", "no such person in your organisation"));
    }

    /**
     * Imports care packages all-or-nothing (the CSV import): service users and commissioners are named
     * as in a spreadsheet and resolved here; each package is validated and written exactly as by
     * {@link #createCarePackage}, in one transaction that is rolled back when any package has a
     * problem. Answers every problem (none: all imported) and the visits created.
     */
    public Mono<PackageImport> importCarePackages(List<PackageImportRow> rows) {
        List<PackageProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            VisitInvalid invalid = validatePackage(rows.get(i).input(UUID.randomUUID(), UUID.randomUUID()));
            if (invalid != null) {
                problems.add(new PackageProblem(i, invalid.field(), invalid.reason()));
            }
        }
        if (!problems.isEmpty() || rows.isEmpty()) {
            return Mono.just(new PackageImport(problems, 0));
        }
        return transactions
                .write(db -> Flux.range(0, rows.size())
                        .concatMap(i -> resolve(db, rows.get(i)).flatMap(resolved -> {
                            List<PackageProblem> found = new ArrayList<>();
                            if (resolved.serviceUser() == null) {
                                found.add(new PackageProblem(
                                        i, "serviceUserId", "no such person in your organisation (reference or id)"));
                            }
                            if (resolved.commissioner() == null) {
                                found.add(new PackageProblem(
                                        i, "commissionerId", "no such organisation (id, ODS code or name)"));
                            }
                            if (!found.isEmpty()) {
                                return Mono.just(new Written(found, 0));
                            }
                            return insertCarePackage(
                                            db, rows.get(i).input(resolved.serviceUser(), resolved.commissioner()))
                                    .map(result -> result instanceof VisitInvalid invalid
                                            ? new Written(
                                                    List.of(new PackageProblem(i, invalid.field(), invalid.reason())),
                                                    0)
                                            : new Written(List.of(), ((CarePackageCreated) result).visitsCreated()));
                        }))
                        .collectList()
                        .flatMap(written -> {
                            List<PackageProblem> all = written.stream()
                                    .flatMap(w -> w.problems().stream())
                                    .toList();
                            if (!all.isEmpty()) {
                                return Mono.error(new ImportRefused(all));
                            }
                            return Mono.just(new PackageImport(
                                    List.of(),
                                    written.stream().mapToInt(Written::visits).sum()));
                        }))
                .onErrorResume(ImportRefused.class, e -> Mono.just(new PackageImport(e.problems, 0)));
    }

    private Mono<Resolved> resolve(DatabaseClient db, PackageImportRow row) {
        return repository
                .serviceUserByRefOrId(db, row.serviceUser())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .zipWith(repository
                        .organisationByIdOdsOrName(db, row.commissioner())
                        .map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty()))
                .map(t -> new Resolved(t.getT1().orElse(null), t.getT2().orElse(null)));
    }

    private record Resolved(@Nullable UUID serviceUser, @Nullable UUID commissioner) {}

    private record Written(List<PackageProblem> problems, int visits) {}

    /** Rolls the import's transaction back, carrying what was wrong. */
    private static final class ImportRefused extends RuntimeException {
        private final transient List<PackageProblem> problems;

        ImportRefused(List<PackageProblem> problems) {
            super("care package import refused", null, false, false);
            this.problems = problems;
        }
    }

    /**
     * A care package of an import, with its service user and commissioner as the spreadsheet names them.
     *
     * @param serviceUser the person's external reference or id
     * @param commissioner the commissioner's id, ODS code or name
     */
    public record PackageImportRow(
            String serviceUser,
            String commissioner,
            LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String reference,
            List<VisitTemplateInput> templates,
            @Nullable LocalDate expandFrom,
            @Nullable LocalDate expandTo) {

        CreateCarePackageInput input(UUID serviceUserId, UUID commissionerId) {
            return new CreateCarePackageInput(
                    serviceUserId, commissionerId, startsOn, endsOn, reference, templates, expandFrom, expandTo);
        }
    }

    /**
     * A problem of one package of an import.
     *
     * @param index the package (0-based, in the order given)
     * @param field the field of {@code CreateCarePackageInput}, as the mutation names it
     *     ({@code templates[2].windowEnd})
     */
    public record PackageProblem(int index, String field, String reason) {}

    /** The outcome of an import: problems (then nothing was written) or the visits created. */
    public record PackageImport(List<PackageProblem> problems, int visitsCreated) {}

    /** The dated visits of the package's templates on from..to (inside the package's dates). */
    static List<NewVisit> expand(CreateCarePackageInput in, LocalDate from, LocalDate to) {
        LocalDate firstMonday = in.startsOn().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<NewVisit> result = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.isBefore(in.startsOn()) || (in.endsOn() != null && day.isAfter(in.endsOn()))) {
                continue;
            }
            long week =
                    ChronoUnit.WEEKS.between(firstMonday, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            for (int i = 0; i < in.templates().size(); i++) {
                VisitTemplateInput t = in.templates().get(i);
                int every = t.everyWeeks() == null ? 1 : t.everyWeeks();
                if (!t.daysOfWeek().contains(day.getDayOfWeek().getValue()) || week % every != 0) {
                    continue;
                }
                result.add(new NewVisit(
                        i,
                        day.atTime(t.windowStart()).atZone(LONDON).toOffsetDateTime(),
                        day.atTime(t.windowEnd()).atZone(LONDON).toOffsetDateTime(),
                        t.preferredStart() == null
                                ? null
                                : day.atTime(t.preferredStart()).atZone(LONDON).toOffsetDateTime(),
                        t.durationMinutes(),
                        t.carersRequired() == null ? 1 : t.carersRequired(),
                        t.priority() == null ? "NORMAL" : t.priority(),
                        t.requiredSkills() == null ? List.of() : t.requiredSkills()));
            }
        }
        return result;
    }

    static @Nullable VisitInvalid template(VisitTemplateInput t, String prefix) {
        if (t.daysOfWeek().isEmpty() || t.daysOfWeek().stream().anyMatch(d -> d < 1 || d > 7)) {
            return VisitInvalid.of(prefix + "daysOfWeek", "give days 1 (Monday) to 7 (Sunday)");
        }
        if (t.everyWeeks() != null && (t.everyWeeks() < 1 || t.everyWeeks() > 4)) {
            return VisitInvalid.of(prefix + "everyWeeks", "must be 1 to 4");
        }
        if (!t.windowEnd().isAfter(t.windowStart())) {
            return VisitInvalid.of(prefix + "windowEnd", "must be after windowStart");
        }
        if (t.preferredStart() != null
                && (t.preferredStart().isBefore(t.windowStart())
                        || t.preferredStart().isAfter(t.windowEnd()))) {
            return VisitInvalid.of(prefix + "preferredStart", "must be inside the window");
        }
        if (t.label() != null && t.label().length() > 200) {
            return VisitInvalid.of(prefix + "label", "at most 200 characters");
        }
        return common(
                t.durationMinutes(),
                t.carersRequired() == null ? 1 : t.carersRequired(),
                t.priority() == null ? "NORMAL" : t.priority(),
                t.requiredSkills() == null ? List.of() : t.requiredSkills(),
                prefix);
    }

    private static @Nullable VisitInvalid common(
            int duration, int carers, String priority, List<String> skills, String prefix) {
        if (duration < 1 || duration > 1440) {
            return VisitInvalid.of(prefix + "durationMinutes", "must be between 1 and 1440");
        }
        if (carers < 1 || carers > 4) {
            return VisitInvalid.of(prefix + "carersRequired", "must be between 1 and 4");
        }
        if (!PRIORITIES.contains(priority)) {
            return VisitInvalid.of(prefix + "priority", "must be one of " + PRIORITIES);
        }
        if (skills.size() > 20) {
            return VisitInvalid.of(prefix + "requiredSkills", "at most 20 skills");
        }
        return null;
    }
}
