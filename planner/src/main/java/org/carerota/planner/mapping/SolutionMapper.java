package org.carerota.planner.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.Pay;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.explain.UnassignedExplainer;
import org.carerota.planner.io.SolutionDocument;
import org.carerota.planner.solver.CareConstraintProvider;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;

/**
 * Maps a solved rota back to a solution document: every shift with its ordered visits and times, the unassigned
 * slots with reasons, the changes against the published plan, and the metrics.
 *
 * <p>Metric definitions (minutes unless said otherwise): {@code travelMinutes}/{@code travelKm} all travel including
 * from and back home; {@code workingMinutes} leaving home to back home; {@code visitMinutes} time with service users;
 * {@code idleMinutes} waiting between visits; {@code paidMinutes} first visit start to last visit end for hourly paid
 * (or unstated) carers, visit minutes for carers paid per visit or per contact hour; {@code unpaidMinutes} working
 * minus paid; {@code lateStarts} visits starting after their window end; {@code crossPoolMinutes} visit minutes served
 * by a pool of the other sector than the commissioner's; {@code effectiveHourlyPay} pounds per hour of the time from
 * first visit start to last visit end, per carer with a pay rate.
 */
public final class SolutionMapper {

    private SolutionMapper() {}

    /** The solution document of a solved rota. */
    public static SolutionDocument map(
            MappedProblem mapped,
            CareRota rota,
            @Nullable ScoreExplanation<CareRota, HardMediumSoftLongScore> explanation) {
        HardMediumSoftLongScore score = rota.getScore() == null ? HardMediumSoftLongScore.ZERO : rota.getScore();
        List<SolutionDocument.ShiftPlan> shifts = new ArrayList<>();
        Metrics metrics = new Metrics();
        for (CarerShift shift : rota.getShifts()) {
            if (shift.isVirtual()) {
                continue;
            }
            shifts.add(shiftPlan(mapped, shift, metrics));
        }
        UnassignedExplainer explainer = new UnassignedExplainer(rota, mapped::time);
        List<SolutionDocument.Unassigned> unassigned = new ArrayList<>();
        Map<String, Long> unassignedByReason = new TreeMap<>();
        long unassignedMinutes = 0;
        for (VisitSlot slot : rota.getSlots()) {
            if (slot.isAssigned()) {
                continue;
            }
            UnassignedExplainer.Explanation why = explainer.explain(slot);
            unassigned.add(new SolutionDocument.Unassigned(slot.getVisitId(), why.reasons()));
            unassignedMinutes += slot.getVisit().getDuration();
            unassignedByReason.merge(why.category(), slot.getVisit().getDuration(), Long::sum);
        }
        Map<String, Object> values = metrics.toMap(rota);
        values.put("unassignedVisits", unassigned.size());
        values.put("unassignedMinutes", unassignedMinutes);
        values.put("unassignedMinutesByReason", unassignedByReason);
        if (explanation != null) {
            Map<String, Object> constraints = new LinkedHashMap<>();
            for (ConstraintMatchTotal<HardMediumSoftLongScore> total :
                    explanation.getConstraintMatchTotalMap().values()) {
                if (total.getConstraintMatchCount() > 0) {
                    constraints.put(
                            total.getConstraintName(),
                            Map.of(
                                    "matches",
                                    total.getConstraintMatchCount(),
                                    "score",
                                    total.getScore().toString()));
                }
            }
            values.put("constraints", constraints);
        }
        return new SolutionDocument(
                SolutionDocument.SCHEMA_VERSION,
                mapped.document().name(),
                score.toString(),
                score.isSolutionInitialized() && score.hardScore() == 0,
                shifts,
                unassigned,
                mapped.document().published() == null ? List.of() : changes(rota),
                values);
    }

    private static SolutionDocument.ShiftPlan shiftPlan(MappedProblem mapped, CarerShift shift, Metrics metrics) {
        List<SolutionDocument.PlannedVisit> visits = new ArrayList<>();
        Location at = shift.getStartLocation();
        double km = 0;
        for (VisitSlot slot : shift.getSlots()) {
            Location to = slot.getVisit().getLocation();
            double legKm = shift.travelDistance(at, to);
            long travel = slot.getTravelBefore() == null ? shift.travelTicks(at, to) : slot.getTravelBefore();
            long start = slot.getStart() != null
                    ? slot.getStart()
                    : slot.getArrival() != null
                            ? slot.getArrival()
                            : slot.getVisit().getWindow().start();
            // The carer leaves the start location just in time for the first visit (the shift's reported start),
            // so the first arrival is its start; later arrivals are the previous end plus travel.
            Long arrival = visits.isEmpty() && slot.getStart() != null ? slot.getStart() : slot.getArrival();
            visits.add(new SolutionDocument.PlannedVisit(
                    slot.getVisitId(),
                    arrival == null ? null : mapped.time(arrival),
                    mapped.time(start),
                    mapped.time(start + slot.getVisit().getDuration()),
                    (double) travel,
                    round(legKm)));
            km += legKm;
            at = to;
            metrics.visit(shift, slot);
        }
        ShiftSummary summary = shift.getSummary();
        boolean empty = shift.getSlots().isEmpty();
        double kmHome = empty ? 0 : shift.travelDistance(at, shift.getEndLocation());
        km += kmHome;
        metrics.shift(shift, km);
        return new SolutionDocument.ShiftPlan(
                shift.getCarerId(),
                shift.getDate(),
                empty || summary.visits() == 0 ? null : mapped.time(summary.departure()),
                empty || summary.visits() == 0 ? null : mapped.time(summary.returnTime()),
                visits,
                empty ? null : (double) shift.travelTicks(at, shift.getEndLocation()),
                empty ? null : round(kmHome));
    }

    private static List<SolutionDocument.Change> changes(CareRota rota) {
        Map<Visit, List<String>> now = new LinkedHashMap<>();
        for (Visit visit : rota.getVisits()) {
            now.put(visit, new ArrayList<>());
        }
        for (VisitSlot slot : rota.getSlots()) {
            if (slot.isAssigned()) {
                now.get(slot.getVisit()).add(slot.getCarerId());
            }
        }
        List<SolutionDocument.Change> changes = new ArrayList<>();
        for (Map.Entry<Visit, List<String>> entry : now.entrySet()) {
            Set<String> before = entry.getKey().getPublishedCarers();
            List<String> removed = before.stream()
                    .filter(carer -> !entry.getValue().contains(carer))
                    .sorted()
                    .toList();
            List<String> added = entry.getValue().stream()
                    .filter(carer -> !before.contains(carer))
                    .sorted()
                    .toList();
            for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
                changes.add(new SolutionDocument.Change(
                        entry.getKey().getId(),
                        i < removed.size() ? removed.get(i) : null,
                        i < added.size() ? added.get(i) : null));
            }
        }
        return changes;
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** Accumulates the metrics. */
    private static final class Metrics {
        long travel;
        double km;
        long working;
        long visitMinutes;
        long idle;
        long paid;
        long unpaid;
        long crossPool;
        int lateStarts;
        long lateMinutes;
        final Map<String, Integer> visitsPerCarer = new TreeMap<>();
        final Map<String, Long> payPence = new HashMap<>();
        final Map<String, Long> paidSpan = new HashMap<>();
        final Map<String, Map<Integer, Set<String>>> carersByServiceUserWeek = new TreeMap<>();

        void visit(CarerShift shift, VisitSlot slot) {
            if (slot.getStart() != null
                    && slot.getStart() > slot.getVisit().getWindow().end()) {
                lateStarts++;
                lateMinutes += slot.getStart() - slot.getVisit().getWindow().end();
            }
            if (CareConstraintProvider.isCrossPool(slot)) {
                crossPool += slot.getVisit().getDuration();
            }
            visitsPerCarer.merge(shift.getCarerId(), 1, Integer::sum);
            carersByServiceUserWeek
                    .computeIfAbsent(slot.getVisit().getServiceUser().getId(), key -> new TreeMap<>())
                    .computeIfAbsent(slot.getVisit().getWeekIndex(), key -> new HashSet<>())
                    .add(shift.getCarerId());
        }

        void shift(CarerShift shift, double shiftKm) {
            ShiftSummary summary = shift.getSummary();
            Carer carer = shift.getCarer();
            visitsPerCarer.putIfAbsent(shift.getCarerId(), 0);
            if (summary.visits() == 0) {
                return;
            }
            travel += summary.travel();
            km += shiftKm;
            working += summary.workingSpan();
            visitMinutes += summary.contact();
            idle += summary.idle();
            Pay pay = carer.getPay();
            long shiftPaid = pay == null || pay.model() == PayModel.HOURLY ? summary.paidSpan() : summary.contact();
            paid += shiftPaid;
            unpaid += Math.max(0, summary.workingSpan() - shiftPaid);
            if (pay != null) {
                payPence.merge(
                        carer.getId(),
                        pay.dayPayPence(summary.visits(), summary.contact(), summary.paidSpan()),
                        Long::sum);
                paidSpan.merge(carer.getId(), summary.paidSpan(), Long::sum);
            }
        }

        Map<String, Object> toMap(CareRota rota) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("travelMinutes", travel);
            map.put("travelKm", round(km));
            map.put("workingMinutes", working);
            map.put("visitMinutes", visitMinutes);
            map.put("idleMinutes", idle);
            map.put("paidMinutes", paid);
            map.put("unpaidMinutes", unpaid);
            map.put("visitsPerCarer", visitsPerCarer);
            Map<String, List<Integer>> byServiceUser = new TreeMap<>();
            int weeks = Math.max(1, (rota.getDays() + 6) / 7);
            double sum = 0;
            int count = 0;
            int max = 0;
            for (Map.Entry<String, Map<Integer, Set<String>>> entry : carersByServiceUserWeek.entrySet()) {
                List<Integer> perWeek = new ArrayList<>();
                for (int week = 0; week < weeks; week++) {
                    Set<String> carers = entry.getValue().get(week);
                    int distinct = carers == null ? 0 : carers.size();
                    perWeek.add(distinct);
                    if (distinct > 0) {
                        sum += distinct;
                        count++;
                        max = Math.max(max, distinct);
                    }
                }
                byServiceUser.put(entry.getKey(), perWeek);
            }
            Map<String, Object> distinct = new LinkedHashMap<>();
            distinct.put("average", count == 0 ? 0.0 : round(sum / count));
            distinct.put("max", max);
            distinct.put("byServiceUser", byServiceUser);
            map.put("distinctCarersPerServiceUserWeek", distinct);
            map.put("crossPoolMinutes", crossPool);
            map.put("lateStarts", lateStarts);
            map.put("lateMinutes", lateMinutes);
            Map<String, Double> hourly = new TreeMap<>();
            double min = Double.NaN;
            for (Map.Entry<String, Long> entry : payPence.entrySet()) {
                long span = paidSpan.getOrDefault(entry.getKey(), 0L);
                if (span <= 0) {
                    continue;
                }
                double rate = round(entry.getValue() / 100.0 / (span / 60.0));
                hourly.put(entry.getKey(), rate);
                min = Double.isNaN(min) ? rate : Math.min(min, rate);
            }
            map.put("effectiveHourlyPay", hourly);
            if (!Double.isNaN(min)) {
                map.put("minEffectiveHourlyPay", min);
            }
            return map;
        }
    }
}
