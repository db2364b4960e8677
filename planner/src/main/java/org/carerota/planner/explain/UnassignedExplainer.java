package org.carerota.planner.explain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongFunction;

import org.carerota.planner.domain.Absence;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.ShiftSummary;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.solver.GreedyInsertion;
import org.jspecify.annotations.Nullable;

/**
 * Says why a visit slot is unassigned, in words a coordinator understands, by checking every carer working on the
 * visit's day against the same rules the constraints enforce: skills in date, bans, pool agreements, pinning, shift
 * hours and absences, and whether the carer's planned day has a gap for the visit with travel.
 */
public final class UnassignedExplainer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    private final CareRota rota;
    private final LongFunction<LocalDateTime> time;
    // built once: building it reads every shift, and L asks it about hundreds of visits times a thousand shifts
    private final GreedyInsertion.InsertionCheck insertion;

    /**
     * @param rota the solved rota
     * @param time converts ticks to local date-times
     */
    public UnassignedExplainer(CareRota rota, LongFunction<LocalDateTime> time) {
        this.rota = rota;
        this.time = time;
        this.insertion = GreedyInsertion.insertionCheck(rota);
    }

    /**
     * Why a slot is unassigned.
     *
     * @param reasons the reasons, the headline first
     * @param category a short key for metrics: noShift, skills, eligibility, outsideShifts, absence, busy,
     *     notEnoughCarersTogether or tradeOff
     */
    public record Explanation(List<String> reasons, String category) {}

    /** The reasons, the headline first. */
    public List<String> reasons(VisitSlot slot) {
        return explain(slot).reasons();
    }

    /** The reasons and their category. */
    public Explanation explain(VisitSlot slot) {
        Visit visit = slot.getVisit();
        String window = TIME.format(time.apply(visit.getWindow().start())) + "–"
                + TIME.format(time.apply(visit.getWindow().end()));
        String day = DAY.format(visit.getDate());
        String skills = visit.getRequiredSkills().isEmpty()
                ? ""
                : " with " + String.join(" and ", visit.getRequiredSkills()) + " in date";
        List<CarerShift> working = rota.getShifts().stream()
                .filter(shift -> !shift.isVirtual() && shift.getDayIndex() == visit.getDayIndex())
                .toList();
        List<String> details = new ArrayList<>();
        if (visit.getCarersRequired() > 1) {
            details.add("the visit needs " + visit.getCarersRequired() + " carers starting together");
        }
        if (working.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("no carer has a shift on " + day);
            reasons.addAll(details);
            return new Explanation(reasons, "noShift");
        }
        // a carer with a split day has two shifts: name them once
        Set<String> unskilled = new LinkedHashSet<>();
        Set<String> banned = new LinkedHashSet<>();
        Set<String> pool = new LinkedHashSet<>();
        Set<String> pinnedElsewhere = new LinkedHashSet<>();
        Set<String> sameCarer = new LinkedHashSet<>();
        Set<String> offDuty = new LinkedHashSet<>();
        Set<String> absent = new LinkedHashSet<>();
        Set<String> busy = new LinkedHashSet<>();
        Set<String> free = new LinkedHashSet<>();
        Set<String> underpaid = new LinkedHashSet<>();
        Set<String> limits = new LinkedHashSet<>();
        long nearestTravel = Long.MAX_VALUE;
        for (CarerShift shift : working) {
            Carer carer = shift.getCarer();
            String id = carer.getId();
            if (carer.missingSkills(visit.getRequiredSkills(), visit.getDate()) > 0) {
                unskilled.add(id);
                continue;
            }
            if (visit.isBanned(id)) {
                banned.add(id);
                continue;
            }
            Pool carerPool = carer.getPool();
            if (carerPool != null && !carerPool.mayServe(visit.getCommissioner())) {
                pool.add(id);
                continue;
            }
            if (servesRelated(slot, carer)) {
                sameCarer.add(id);
                continue;
            }
            if (!visit.getPinnedCarers().isEmpty() && !visit.getPinnedCarers().contains(id)) {
                pinnedElsewhere.add(id);
                continue;
            }
            long fromStart = shift.travelTicks(shift.getStartLocation(), visit.getLocation());
            nearestTravel = Math.min(nearestTravel, fromStart);
            long earliest = Math.max(visit.getWindow().start(), shift.getStart() + fromStart);
            long back = shift.travelTicks(visit.getLocation(), shift.getEndLocation());
            if (earliest > visit.getWindow().end() || earliest + visit.getDuration() + back > shift.getEnd()) {
                offDuty.add(id);
                continue;
            }
            if (Absence.overlap(shift.getAbsences(), earliest, earliest + visit.getDuration()) > 0
                    && Absence.overlap(
                                    shift.getAbsences(),
                                    visit.getWindow().end(),
                                    visit.getWindow().end() + visit.getDuration())
                            > 0) {
                absent.add(id);
                continue;
            }
            Long start = fits(shift, slot);
            if (start == null) {
                busy.add(id);
            } else if (breaksWageFloor(shift, visit, start)) {
                underpaid.add(id);
            } else if (!insertion.canInsert(shift, slot)) {
                limits.add(id);
            } else {
                free.add(id);
            }
        }
        int needed = visit.getCarersRequired();
        String headline;
        if (free.size() >= needed) {
            headline = "carers" + skills + " are free " + window + " on " + day + " (" + String.join(", ", free)
                    + ") but placing the visit would break another rule or uncover a more important visit";
        } else {
            String who = needed > 1 ? "not enough carers" : "no carer";
            headline = who + skills + " " + (needed > 1 ? "are" : "is") + " free " + window + " on " + day
                    + (nearestTravel == Long.MAX_VALUE ? "" : " within " + minutes(nearestTravel) + " minutes' travel");
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(headline);
        reasons.addAll(details);
        if (!unskilled.isEmpty()) {
            reasons.add(
                    unskilled.size() == working.size()
                            ? "no carer working that day holds " + String.join(" and ", visit.getRequiredSkills())
                                    + " in date"
                            : "lack " + String.join(" and ", visit.getRequiredSkills()) + " in date: "
                                    + String.join(", ", unskilled));
        }
        if (!banned.isEmpty()) {
            reasons.add("banned by " + visit.getServiceUser().getId() + ": " + String.join(", ", banned));
        }
        if (!pool.isEmpty()) {
            reasons.add("their pool has no agreement with "
                    + (visit.getCommissioner() == null
                            ? "the commissioner"
                            : visit.getCommissioner().id()) + ": "
                    + String.join(", ", pool));
        }
        if (!sameCarer.isEmpty()) {
            reasons.add("serve the visit this one depends on, which needs a different carer: "
                    + String.join(", ", sameCarer));
        }
        if (!pinnedElsewhere.isEmpty()) {
            reasons.add("the visit is pinned to " + String.join(", ", visit.getPinnedCarers()));
        }
        if (!offDuty.isEmpty()) {
            reasons.add("not on shift for " + window + " allowing for travel: " + String.join(", ", offDuty));
        }
        if (!absent.isEmpty()) {
            reasons.add("absent: " + String.join(", ", absent));
        }
        if (!busy.isEmpty()) {
            reasons.add("already busy with other visits, no gap with travel: " + String.join(", ", busy));
        }
        if (!underpaid.isEmpty()) {
            reasons.add("would be paid below the minimum hourly wage for the day (paid per visit or contact hour): "
                    + String.join(", ", underpaid));
        }
        if (!limits.isEmpty()) {
            reasons.add("would go over the day's legal limits (rest break, daily maximum, shift end): "
                    + String.join(", ", limits));
        }
        if (free.size() > 0 && free.size() < needed) {
            reasons.add("only " + free.size() + " of the " + needed + " carers needed are free together: "
                    + String.join(", ", free));
        }
        return new Explanation(
                reasons,
                category(
                        needed,
                        free,
                        unskilled,
                        banned.size() + pool.size() + pinnedElsewhere.size() + sameCarer.size(),
                        offDuty,
                        absent,
                        busy,
                        underpaid.size()));
    }

    private static String category(
            int needed,
            Set<String> free,
            Set<String> unskilled,
            int ineligible,
            Set<String> offDuty,
            Set<String> absent,
            Set<String> busy,
            int underpaid) {
        if (free.size() >= needed) {
            return "tradeOff";
        }
        if (!free.isEmpty()) {
            return "notEnoughCarersTogether";
        }
        String category = "skills";
        int most = unskilled.size();
        if (ineligible > most) {
            category = "eligibility";
            most = ineligible;
        }
        if (offDuty.size() > most) {
            category = "outsideShifts";
            most = offDuty.size();
        }
        if (absent.size() > most) {
            category = "absence";
            most = absent.size();
        }
        if (busy.size() > most) {
            category = "busy";
            most = busy.size();
        }
        if (underpaid > most) {
            category = "legalLimits";
        }
        return category;
    }

    private long minutes(long ticks) {
        return Math.round((double) ticks / rota.ticksPerMinute());
    }

    /** Whether the carer serves a visit this one depends on (or that depends on it) with a gap. */
    private static boolean servesRelated(VisitSlot slot, Carer carer) {
        for (VisitSlot other : slot.getPrerequisites()) {
            if (other.isAssigned() && other.getCarer() == carer) {
                return true;
            }
        }
        for (VisitSlot other : slot.getDependents()) {
            if (other.isAssigned() && other.getCarer() == carer) {
                return true;
            }
        }
        return false;
    }

    /** Whether adding the visit at this start would take the carer's day below the minimum-wage floor. */
    private static boolean breaksWageFloor(CarerShift shift, Visit visit, long start) {
        Carer carer = shift.getCarer();
        long floor = shift.getRules().minimumHourlyWagePence();
        if (carer == null
                || carer.getPay() == null
                || floor < 0
                || carer.getPay().model() == PayModel.HOURLY) {
            return false;
        }
        ShiftSummary summary = shift.getSummary();
        long first = start;
        long last = start + visit.getDuration();
        if (summary.visits() > 0) {
            long firstStart = shift.getSlots().stream()
                    .filter(slot -> slot.getStart() != null)
                    .mapToLong(VisitSlot::getStart)
                    .min()
                    .orElse(start);
            long lastEnd = shift.getSlots().stream()
                    .filter(slot -> slot.getEnd() != null)
                    .mapToLong(VisitSlot::getEnd)
                    .max()
                    .orElse(last);
            first = Math.min(firstStart, start);
            last = Math.max(lastEnd, last);
        }
        long tpm = shift.getRules().ticksPerMinute();
        long paidMinutes = (last - first) / tpm;
        long earned = carer.getPay()
                .dayPayPence(summary.visits() + 1, (summary.contact() + visit.getDuration()) / tpm, paidMinutes);
        return (floor * paidMinutes + 59) / 60 > earned;
    }

    /** The start of the visit where it fits between two planned visits (or at an end) without delaying anything. */
    static @Nullable Long fits(CarerShift shift, VisitSlot candidate) {
        Visit visit = candidate.getVisit();
        List<VisitSlot> route = shift.getSlots().stream()
                .filter(slot -> slot != candidate && slot.getStart() != null)
                .toList();
        for (int i = 0; i <= route.size(); i++) {
            VisitSlot previous = i == 0 ? null : route.get(i - 1);
            VisitSlot next = i == route.size() ? null : route.get(i);
            long depart = previous == null ? shift.getStart() : previous.getEnd();
            long arrival = depart
                    + shift.travelTicks(
                            previous == null
                                    ? shift.getStartLocation()
                                    : previous.getVisit().getLocation(),
                            visit.getLocation());
            long start = Math.max(arrival, visit.getWindow().start());
            if (start > visit.getWindow().end()) {
                continue;
            }
            long end = start + visit.getDuration();
            if (Absence.overlap(shift.getAbsences(), start, end) > 0) {
                continue;
            }
            if (next != null) {
                if (end + shift.travelTicks(visit.getLocation(), next.getVisit().getLocation()) <= next.getStart()) {
                    return start;
                }
            } else if (end + shift.travelTicks(visit.getLocation(), shift.getEndLocation()) <= shift.getEnd()) {
                return start;
            }
        }
        return null;
    }
}
