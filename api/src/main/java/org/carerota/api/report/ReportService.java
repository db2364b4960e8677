package org.carerota.api.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerota.api.security.Caller;
import org.carerota.api.security.Callers;
import org.carerota.api.security.Role;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Capacity reports as the caller may see them. The figures are computed by the database
 * ({@code reports_capacity}, which scopes them to the caller); this service checks the input,
 * decides disclosure control (COMMISSIONER callers: suppression and rounding; coordinators and
 * administrators: their own organisation, exact) and derives the returns from the same figures.
 */
@Service
public class ReportService {

    /** What a report covers when the caller names no grouping. */
    static final List<Grouping> DEFAULT_GROUPING = List.of(Grouping.AREA, Grouping.WEEK);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Transactions transactions;
    private final ReportRepository repository;
    private final Callers callers;
    private final ReportProperties properties;
    private final Clock clock;

    ReportService(
            Transactions transactions,
            ReportRepository repository,
            Callers callers,
            ReportProperties properties,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.callers = callers;
        this.properties = properties;
        this.clock = clock;
    }

    /** The capacity report, or the problem with the input. */
    public Mono<CapacityReportResult> capacityReport(CapacityReportInput input) {
        List<String> requested = input.groupBy() == null
                ? DEFAULT_GROUPING.stream().map(Enum::name).toList()
                : input.groupBy();
        Set<Grouping> groups = EnumSet.noneOf(Grouping.class);
        for (String text : requested) {
            Optional<Grouping> grouping = Grouping.parse(text);
            if (grouping.isEmpty()) {
                return Mono.just(UnknownGrouping.of(text));
            }
            groups.add(grouping.get());
        }
        return report(input.area(), input.from(), input.to(), List.copyOf(groups))
                .map(outcome -> outcome instanceof ReportProblem problem ? problem : (CapacityReport) outcome);
    }

    /** The Capacity Tracker-style return of one calendar month. */
    public Mono<CapacityTrackerReturnResult> capacityTrackerReturn(CapacityTrackerReturnInput input) {
        YearMonth month;
        try {
            month = YearMonth.parse(input.month());
        } catch (DateTimeParseException e) {
            return Mono.just(new InvalidPeriod("'" + input.month() + "' is not a month such as 2026-11"));
        }
        return report(input.area(), month.atDay(1), month.atEndOfMonth(), List.of())
                .map(outcome -> outcome instanceof ReportProblem problem
                        ? problem
                        : ReportReturns.capacityTracker((CapacityReport) outcome, month));
    }

    /** The ADASS-style unmet-need summary: per child area and in total. */
    public Mono<UnmetNeedSummaryResult> unmetNeedSummary(UnmetNeedSummaryInput input) {
        return report(input.area(), input.from(), input.to(), List.of(Grouping.AREA))
                .flatMap(byArea -> {
                    if (byArea instanceof ReportProblem problem) {
                        return Mono.<UnmetNeedSummaryResult>just(problem);
                    }
                    return report(input.area(), input.from(), input.to(), List.of())
                            .map(total -> ReportReturns.unmetNeed((CapacityReport) byArea, (CapacityReport) total));
                });
    }

    /** A {@link CapacityReport} or a {@link ReportProblem}. */
    private Mono<Object> report(UUID area, LocalDate from, LocalDate to, List<Grouping> groups) {
        if (to.isBefore(from)) {
            return Mono.just(new InvalidPeriod("The period ends (" + to + ") before it starts (" + from + ")"));
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > properties.maxPeriodDays()) {
            return Mono.just(PeriodTooLong.of(days, properties.maxPeriodDays()));
        }
        LocalDate asOf = LocalDate.now(clock);
        List<String> groupNames = groups.stream().map(Enum::name).toList();
        return control().flatMap(control -> transactions
                .read(db -> repository.areaVisible(db, area))
                .flatMap(visible -> {
                    if (!visible) {
                        return Mono.<Object>just(AreaNotVisible.of(area));
                    }
                    // the facts of the period first (their own short write transaction), so that
                    // the report, read in one snapshot just after, equals the rows it came from
                    return transactions
                            .write(db -> repository.refresh(db, from, to))
                            .then(transactions.read(
                                    db -> repository.areaName(db, area).flatMap(name -> repository
                                            .capacity(db, area, from, to, groupNames, asOf)
                                            .map(row -> group(row, control))
                                            .collectList()
                                            .map(rows -> new CapacityReport(
                                                    new ReportArea(area, name),
                                                    from,
                                                    to,
                                                    groups,
                                                    control.isControlled(),
                                                    control.threshold(),
                                                    asOf,
                                                    rows)))));
                }));
    }

    /** Commissioners (and anyone whose role is unknown) get disclosure control; staff do not. */
    private Mono<DisclosureControl> control() {
        DisclosureControl controlled = DisclosureControl.controlled(properties.suppressionThreshold());
        return callers.current()
                .map(caller -> isStaff(caller) ? DisclosureControl.none() : controlled)
                .defaultIfEmpty(controlled);
    }

    private static boolean isStaff(Caller caller) {
        return caller.role()
                .filter(role -> role == Role.ADMIN || role == Role.COORDINATOR)
                .isPresent();
    }

    /** One group with disclosure control applied. */
    static CapacityGroup group(CapacityRow r, DisclosureControl d) {
        long carers = r.workforceCarers();
        double available = r.shiftHours() - r.absenceHours();
        return new CapacityGroup(
                r.areaId() == null ? null : new ReportArea(r.areaId(), nameOr(r.areaName())),
                r.week(),
                r.day(),
                r.sector(),
                r.commissionerId() == null
                        ? null
                        : new ReportOrganisation(r.commissionerId(), nameOr(r.commissionerName())),
                r.poolId() == null ? null : new ReportPool(r.poolId(), nameOr(r.poolName())),
                d.amount(r.commissionedHours(), r.commissionedPeople()),
                d.count(r.commissionedPeople()),
                d.amount(r.plannedHours(), r.plannedPeople()),
                d.count(r.plannedVisits()),
                d.amount(r.unassignedHours(), r.unassignedPeople()),
                d.count(r.unassignedSlots()),
                d.count(r.unassignedPeople()),
                reasons(r.leadingReasonsJson(), d),
                d.amount(r.deliveredHours(), r.deliveredPeople()),
                d.count(r.deliveredPeople()),
                d.amount(r.notDeliveredHours(), r.notDeliveredPeople()),
                d.count(r.notDeliveredPeople()),
                d.count(r.dueVisits()),
                d.count(r.lateVisits()),
                d.count(r.missedVisits()),
                d.count(r.shortVisits()),
                d.count(r.carersRostered()),
                d.count(carers),
                d.amount(r.shiftHours(), carers),
                d.amount(r.absenceHours(), carers),
                d.amount(available, carers),
                d.amount(r.usedHours(), carers),
                d.mean(r.usedHours(), available, carers),
                d.amount(r.travelHours(), carers),
                d.mean(r.travelHours(), r.usedHours() + r.travelHours(), carers),
                d.mean(r.absenceHours(), r.shiftHours(), carers),
                d.mean(r.continuitySum(), r.continuityUnits(), r.continuityPeople()),
                d.count(r.continuityPeople()),
                d.amount(r.healthOnSocialCareHours(), r.crossPoolCarers()),
                d.amount(r.socialCareOnHealthHours(), r.crossPoolCarers()),
                d.amount(r.healthOnSocialCareHours() + r.socialCareOnHealthHours(), r.crossPoolCarers()),
                flows(r.crossPoolFlowsJson(), d));
    }

    private static String nameOr(@Nullable String name) {
        return name == null ? "" : name;
    }

    private static List<ReasonCount> reasons(String json, DisclosureControl d) {
        List<ReasonCount> reasons = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            reasons.add(new ReasonCount(
                    node.get("reason").asString(), d.count(node.get("slots").asLong())));
        }
        return reasons;
    }

    private static List<CrossPoolFlow> flows(String json, DisclosureControl d) {
        List<CrossPoolFlow> flows = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            long carers = node.get("carers").asLong();
            flows.add(new CrossPoolFlow(
                    new ReportPool(
                            UUID.fromString(node.get("poolId").asString()),
                            node.get("poolName").asString()),
                    node.get("fromSector").asString(),
                    node.get("toSector").asString(),
                    d.amount(node.get("hours").asDouble(), carers),
                    d.count(carers)));
        }
        return flows;
    }
}
