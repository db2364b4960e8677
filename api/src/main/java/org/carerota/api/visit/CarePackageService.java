package org.carerota.api.visit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.Transactions;
import org.carerota.api.shared.pagination.Keyset;
import org.carerota.api.visit.CarePackageRepository.OwnPackage;
import org.carerota.api.visit.CarePackageRepository.PackageVisit;
import org.carerota.api.visit.VisitCommandRepository.Person;
import org.carerota.api.visit.VisitCommandService.NewVisit;
import org.carerota.api.visit.VisitCommands.ArchiveCarePackageInput;
import org.carerota.api.visit.VisitCommands.CarePackageNotFound;
import org.carerota.api.visit.VisitCommands.CarePackageSaved;
import org.carerota.api.visit.VisitCommands.CreateCarePackageInput;
import org.carerota.api.visit.VisitCommands.StaleCarePackage;
import org.carerota.api.visit.VisitCommands.UpdateCarePackageInput;
import org.carerota.api.visit.VisitCommands.VisitInvalid;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Care packages as the caller may see them, and their edits. An edit re-expands the package's
 * FUTURE visits that nobody has planned with yet: a visit that has started, is done, was cancelled
 * by someone, sits on a published rota (assigned or listed as unmet) or has recorded events is
 * kept as it is; every other future visit of the package is re-timed to its template, taken away
 * (its template no longer runs that day, or the package ended), or created.
 */
@Service
public class CarePackageService {

    private final Transactions transactions;
    private final CarePackageRepository repository;
    private final VisitCommandRepository commands;
    private final Clock clock;

    CarePackageService(
            Transactions transactions, CarePackageRepository repository, VisitCommandRepository commands, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.commands = commands;
        this.clock = clock;
    }

    public Mono<Window<CarePackage>> carePackages(
            Keyset page, @Nullable UUID serviceUser, @Nullable UUID area, boolean includeArchived) {
        return transactions
                .readMany(db -> repository.page(db, page, serviceUser, area, includeArchived))
                .collectList()
                .map(rows ->
                        page.window(rows, p -> Map.of("created", p.createdAt().toString(), "id", p.id().toString())));
    }

    public Mono<CarePackage> carePackage(UUID id) {
        return transactions.read(db -> repository.byIds(db, List.of(id)).next());
    }

    /** The packages' templates with their skills, by package id (two queries for the whole batch). */
    public Mono<Map<UUID, List<VisitTemplate>>> templates(Collection<UUID> packageIds) {
        return transactions.read(
                db -> repository.templates(db, packageIds).collectList().flatMap(templates -> repository
                        .templateSkills(
                                db, templates.stream().map(VisitTemplate::id).toList())
                        .collect(Collectors.groupingBy(
                                CarePackageRepository.TemplateSkill::templateId,
                                Collectors.mapping(CarePackageRepository.TemplateSkill::skill, Collectors.toList())))
                        .map(skills -> templates.stream()
                                .map(t -> withSkills(t, skills.getOrDefault(t.id(), List.of())))
                                .collect(Collectors.groupingBy(VisitTemplate::carePackageId)))));
    }

    private static VisitTemplate withSkills(VisitTemplate t, List<Skill> skills) {
        return new VisitTemplate(
                t.id(),
                t.carePackageId(),
                t.label(),
                t.daysOfWeek(),
                t.everyWeeks(),
                t.windowStart(),
                t.windowEnd(),
                t.preferredStart(),
                t.durationMinutes(),
                t.carersRequired(),
                t.priority(),
                skills);
    }

    public Mono<VisitCommands.UpdateCarePackageResult> updateCarePackage(UpdateCarePackageInput in) {
        LocalDate today = LocalDate.now(clock.withZone(VisitCommandService.LONDON));
        LocalDate from = in.expandFrom() == null ? today : in.expandFrom();
        LocalDate to = in.expandTo() == null ? from.plusDays(6) : in.expandTo();
        VisitInvalid invalid = validate(in, today, from, to);
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return transactions.write(db -> repository
                .lockOwn(db, in.id())
                .flatMap(own -> {
                    CarePackage current = own.carePackage();
                    if (current.version() != in.expectedVersion()) {
                        return Mono.just(
                                (VisitCommands.UpdateCarePackageResult) StaleCarePackage.of(current.version()));
                    }
                    if (current.archived()) {
                        return Mono.just((VisitCommands.UpdateCarePackageResult)
                                VisitInvalid.of("id", "the care package is archived"));
                    }
                    CarePackage changed = new CarePackage(
                            current.id(),
                            current.serviceUserId(),
                            in.commissionerId() == null ? current.commissionerId() : in.commissionerId(),
                            in.reference() == null ? current.reference() : in.reference(),
                            in.startsOn() == null ? current.startsOn() : in.startsOn(),
                            Boolean.TRUE.equals(in.clearEndsOn())
                                    ? null
                                    : (in.endsOn() == null ? current.endsOn() : in.endsOn()),
                            false,
                            current.version() + 1,
                            current.createdAt());
                    if (changed.endsOn() != null && changed.endsOn().isBefore(changed.startsOn())) {
                        return Mono.just((VisitCommands.UpdateCarePackageResult)
                                VisitInvalid.of("endsOn", "must not be before startsOn"));
                    }
                    return check(db, in, changed)
                            .flatMap(problem -> problem.isPresent()
                                    ? Mono.just((VisitCommands.UpdateCarePackageResult) problem.get())
                                    : apply(db, own, changed, in, from, to));
                })
                .defaultIfEmpty(CarePackageNotFound.of(in.id())));
    }

    private Mono<java.util.Optional<VisitInvalid>> check(
            org.springframework.r2dbc.core.DatabaseClient db, UpdateCarePackageInput in, CarePackage changed) {
        Mono<Boolean> commissioner =
                in.commissionerId() == null ? Mono.just(true) : commands.commissionerExists(db, in.commissionerId());
        List<String> skills = in.templates() == null
                ? List.of()
                : in.templates().stream()
                        .flatMap(t -> t.requiredSkills() == null
                                ? java.util.stream.Stream.<String>empty()
                                : t.requiredSkills().stream())
                        .distinct()
                        .toList();
        // the package's templates and the skills each holds now: an archived skill may stay where it is
        Mono<Map<UUID, Set<String>>> held = in.templates() == null
                ? Mono.just(Map.of())
                : repository
                        .templates(db, List.of(changed.id()))
                        .map(VisitTemplate::id)
                        .collectList()
                        .flatMap(ids -> repository
                                .templateSkills(db, ids)
                                .collect(Collectors.groupingBy(
                                        CarePackageRepository.TemplateSkill::templateId,
                                        Collectors.mapping(t -> t.skill().code(), Collectors.toSet())))
                                .map(bySkill -> {
                                    Map<UUID, Set<String>> all = new HashMap<>();
                                    ids.forEach(id -> all.put(id, bySkill.getOrDefault(id, Set.of())));
                                    return all;
                                }));
        return Mono.zip(commissioner, commands.unknownSkills(db, skills), held).map(t -> {
            if (!t.getT1()) {
                return java.util.Optional.of(VisitInvalid.of("commissionerId", "no such organisation"));
            }
            if (in.templates() != null) {
                for (int i = 0; i < in.templates().size(); i++) {
                    VisitTemplateInput template = in.templates().get(i);
                    UUID id = template.id();
                    if (id != null && !t.getT3().containsKey(id)) {
                        return java.util.Optional.of(
                                VisitInvalid.of("templates[" + i + "].id", "not a template of this package"));
                    }
                    Set<String> keeps = id == null ? Set.of() : t.getT3().get(id);
                    List<String> unknown = (template.requiredSkills() == null
                                    ? List.<String>of()
                                    : template.requiredSkills())
                            .stream()
                                    .filter(code -> t.getT2().contains(code) && !keeps.contains(code))
                                    .toList();
                    if (!unknown.isEmpty()) {
                        return java.util.Optional.of(VisitInvalid.of(
                                "templates[" + i + "].requiredSkills",
                                "unknown or archived skill code(s): " + unknown));
                    }
                }
            }
            return java.util.Optional.<VisitInvalid>empty();
        });
    }

    /** Writes the package and its templates, then re-aligns its free future visits. */
    private Mono<VisitCommands.UpdateCarePackageResult> apply(
            org.springframework.r2dbc.core.DatabaseClient db,
            OwnPackage own,
            CarePackage changed,
            UpdateCarePackageInput in,
            LocalDate from,
            LocalDate to) {
        Mono<List<VisitTemplateInput>> templates = in.templates() == null
                ? repository.templates(db, List.of(changed.id())).collectList().flatMap(list -> repository
                        .templateSkills(db, list.stream().map(VisitTemplate::id).toList())
                        .collect(Collectors.groupingBy(
                                CarePackageRepository.TemplateSkill::templateId,
                                Collectors.mapping(CarePackageRepository.TemplateSkill::skill, Collectors.toList())))
                        .map(skills -> list.stream()
                                .map(t -> withSkills(t, skills.getOrDefault(t.id(), List.of()))
                                        .input())
                                .toList()))
                : writeTemplates(db, own, changed.id(), in.templates());
        return repository
                .update(db, changed, in.expectedVersion())
                .flatMap(rows -> rows == 0
                        ? Mono.just((VisitCommands.UpdateCarePackageResult) StaleCarePackage.of(in.expectedVersion()))
                        : templates.flatMap(saved -> realign(db, own, changed, saved, from, to)));
    }

    /** Changes templates with an id, inserts those without, deletes the others; answers them with their ids. */
    private Mono<List<VisitTemplateInput>> writeTemplates(
            org.springframework.r2dbc.core.DatabaseClient db,
            OwnPackage own,
            UUID packageId,
            List<VisitTemplateInput> templates) {
        Person person = new Person(own.carePackage().serviceUserId(), own.organisation(), own.area());
        return Flux.fromIterable(templates)
                .concatMap(t -> t.id() == null
                        ? commands.insertTemplate(db, person, packageId, t).map(id -> withId(t, id))
                        : repository
                                .updateTemplate(db, own.organisation(), packageId, t)
                                .thenReturn(t))
                .collectList()
                .flatMap(saved -> repository
                        .deleteTemplatesExcept(
                                db,
                                packageId,
                                saved.stream().map(VisitTemplateInput::id).toList())
                        .thenReturn(saved));
    }

    private static VisitTemplateInput withId(VisitTemplateInput t, UUID id) {
        return new VisitTemplateInput(
                t.label(),
                t.daysOfWeek(),
                t.everyWeeks(),
                t.windowStart(),
                t.windowEnd(),
                t.preferredStart(),
                t.durationMinutes(),
                t.carersRequired(),
                t.priority(),
                t.requiredSkills(),
                id);
    }

    /**
     * The heart of an edit: the package's visits from {@code from} (at least until {@code to}, and as
     * far as its future visits already reach) are made to match its templates, keeping fixed visits.
     */
    private Mono<VisitCommands.UpdateCarePackageResult> realign(
            org.springframework.r2dbc.core.DatabaseClient db,
            OwnPackage own,
            CarePackage changed,
            List<VisitTemplateInput> templates,
            LocalDate from,
            LocalDate to) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Person person = new Person(changed.serviceUserId(), own.organisation(), own.area());
        List<UUID> templateIds =
                templates.stream().map(t -> Objects.requireNonNull(t.id())).toList();
        return repository.futureVisits(db, changed.id(), now).collectList().flatMap(existing -> {
            LocalDate until = existing.stream()
                    .map(PackageVisit::date)
                    .filter(d -> !d.isBefore(from))
                    .max(LocalDate::compareTo)
                    .filter(last -> last.isAfter(to))
                    .orElse(to);
            CreateCarePackageInput shape = new CreateCarePackageInput(
                    changed.serviceUserId(),
                    changed.commissionerId(),
                    changed.startsOn(),
                    changed.endsOn(),
                    changed.reference(),
                    templates,
                    from,
                    until);
            Map<List<Object>, NewVisit> wanted = new HashMap<>();
            for (NewVisit v : VisitCommandService.expand(shape, from, until)) {
                if (v.windowStart().isAfter(now)) {
                    wanted.put(
                            List.of(
                                    templateIds.get(Objects.requireNonNull(v.template())),
                                    v.windowStart()
                                            .atZoneSameInstant(VisitCommandService.LONDON)
                                            .toLocalDate()),
                            v);
                }
            }
            int kept = 0;
            List<Map.Entry<UUID, NewVisit>> realign = new ArrayList<>();
            List<PackageVisit> remove = new ArrayList<>();
            Set<List<Object>> taken = new HashSet<>();
            for (PackageVisit v : existing) {
                List<Object> key = v.templateId() == null ? List.of() : List.of(v.templateId(), v.date());
                if (v.fixed()) {
                    taken.add(key);
                    if (!v.date().isBefore(from)) {
                        kept++;
                    }
                    continue;
                }
                if (v.date().isBefore(from)) {
                    continue;
                }
                NewVisit target = wanted.get(key);
                if (target != null && taken.add(key)) {
                    realign.add(Map.entry(v.id(), target));
                } else {
                    remove.add(v);
                }
            }
            List<NewVisit> create = wanted.entrySet().stream()
                    .filter(e -> !taken.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .sorted(java.util.Comparator.comparing(NewVisit::windowStart))
                    .toList();
            int removed = (int) remove.stream().filter(v -> !v.cancelled()).count();
            int changedCount = realign.size();
            int keptCount = kept;
            return repository
                    .remove(db, remove)
                    .thenMany(Flux.fromIterable(realign)
                            .concatMap(e -> repository.realign(db, e.getKey(), changed.commissionerId(), e.getValue())))
                    .then(commands.insertVisits(
                            db, person, changed.commissionerId(), changed.id(), templateIds, create, null))
                    .flatMap(created -> repository
                            .byIds(db, List.of(changed.id()))
                            .next()
                            .map(saved -> (VisitCommands.UpdateCarePackageResult)
                                    new CarePackageSaved(saved, created.size(), changedCount, removed, keptCount)));
        });
    }

    public Mono<VisitCommands.ArchiveCarePackageResult> archiveCarePackage(ArchiveCarePackageInput in) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.write(db -> repository
                .lockOwn(db, in.id())
                .flatMap(own -> {
                    long current = own.carePackage().version();
                    if (current != in.expectedVersion()) {
                        return Mono.just((VisitCommands.ArchiveCarePackageResult) StaleCarePackage.of(current));
                    }
                    return repository
                            .futureVisits(db, in.id(), now)
                            .collectList()
                            .flatMap(visits -> {
                                List<PackageVisit> free =
                                        visits.stream().filter(v -> !v.fixed()).toList();
                                int kept = visits.size() - free.size();
                                int removed = (int) free.stream()
                                        .filter(v -> !v.cancelled())
                                        .count();
                                return repository
                                        .archive(db, in.id(), current)
                                        .then(repository.remove(db, free))
                                        .then(repository
                                                .byIds(db, List.of(in.id()))
                                                .next())
                                        .map(saved -> (VisitCommands.ArchiveCarePackageResult)
                                                new CarePackageSaved(saved, 0, 0, removed, kept));
                            });
                })
                .defaultIfEmpty(CarePackageNotFound.of(in.id())));
    }

    private static @Nullable VisitInvalid validate(
            UpdateCarePackageInput in, LocalDate today, LocalDate from, LocalDate to) {
        if (from.isBefore(today)) {
            return VisitInvalid.of("expandFrom", "must not be in the past (visits before today are history)");
        }
        if (to.isBefore(from)) {
            return VisitInvalid.of("expandTo", "must not be before expandFrom");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > VisitCommandService.MAX_EXPANSION_DAYS) {
            return VisitInvalid.of(
                    "expandTo", "expand at most " + VisitCommandService.MAX_EXPANSION_DAYS + " days at once");
        }
        if (in.endsOn() != null && Boolean.TRUE.equals(in.clearEndsOn())) {
            return VisitInvalid.of("clearEndsOn", "give endsOn or clearEndsOn, not both");
        }
        if (in.reference() != null && in.reference().length() > 200) {
            return VisitInvalid.of("reference", "at most 200 characters");
        }
        if (in.templates() != null) {
            if (in.templates().isEmpty() || in.templates().size() > 28) {
                return VisitInvalid.of("templates", "give 1 to 28 templates");
            }
            Set<UUID> ids = new HashSet<>();
            for (int i = 0; i < in.templates().size(); i++) {
                VisitTemplateInput t = in.templates().get(i);
                VisitInvalid invalid = VisitCommandService.template(t, "templates[" + i + "].");
                if (invalid != null) {
                    return invalid;
                }
                if (t.id() != null && !ids.add(t.id())) {
                    return VisitInvalid.of("templates[" + i + "].id", "the template is listed twice");
                }
            }
        }
        return null;
    }
}
