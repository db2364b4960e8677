package org.carerota.planner.domain;

import java.util.List;

/**
 * What a shift's ordered visits add up to, kept by the arrival-time listener as a shadow variable of {@link
 * CarerShift} so that shift-level constraints see changes made through a double-up partner on another shift. Ticks
 * unless said otherwise. Slots whose times cannot be computed (see {@link VisitSlot#isUnsynchronised()}) are skipped.
 *
 * @param visits visits with a computed start
 * @param departure when the carer leaves the start location (first start minus the travel before it); 0 if empty
 * @param returnTime when the carer is back at the end location; 0 if empty
 * @param travel all travel, including from and back to the start/end locations
 * @param contact time spent on visits
 * @param idle waiting between visits (start minus arrival, the first visit excluded)
 * @param longestIdle the longest such wait: the best candidate for a rest break
 * @param idleBeyondThreshold the sum over waits of the part longer than {@link ShiftRules#idleGapThreshold()}
 * @param paidSpan from the first visit's start to the last visit's end (visits, travel and waiting between them)
 * @param demand the sum of the visits' demands (capacitated routing)
 */
public record ShiftSummary(
        int visits,
        long departure,
        long returnTime,
        long travel,
        long contact,
        long idle,
        long longestIdle,
        long idleBeyondThreshold,
        long paidSpan,
        long demand) {

    /** The summary of an empty shift. */
    public static final ShiftSummary EMPTY = new ShiftSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Leaving the start location to returning to the end location (waiting included); 0 if empty. */
    public long workingSpan() {
        return visits == 0 ? 0L : returnTime - departure;
    }

    /** Computes the summary of a shift from its slots' shadow variables. */
    public static ShiftSummary of(CarerShift shift) {
        if (shift.isVirtual()) {
            return EMPTY;
        }
        List<VisitSlot> slots = shift.getSlots();
        int visits = 0;
        long departure = 0;
        long travel = 0;
        long contact = 0;
        long idle = 0;
        long longestIdle = 0;
        long idleBeyond = 0;
        long firstStart = 0;
        long lastEnd = 0;
        long demand = 0;
        VisitSlot last = null;
        long threshold = shift.getRules().idleGapThreshold();
        StartedPart started = shift.getStarted();
        if (!started.isEmpty()) {
            // Re-planning: the part of the day already worked counts too. The wait between its end (the shift's
            // start) and the first visit still to plan is a wait like any other: a rest break can be taken in it.
            visits = started.visits();
            departure = started.departure();
            firstStart = started.firstStart();
            lastEnd = started.lastEnd();
            travel = started.travel();
            contact = started.contact();
            idle = started.idle();
            longestIdle = started.longestIdle();
            idleBeyond = started.idleBeyondThreshold();
        }
        for (VisitSlot slot : slots) {
            demand += slot.getVisit().getDemand();
            Long start = slot.getStart();
            Long arrival = slot.getArrival();
            Long end = slot.getEnd();
            Long travelBefore = slot.getTravelBefore();
            if (start == null || arrival == null || end == null || travelBefore == null) {
                continue;
            }
            travel += travelBefore;
            contact += slot.getVisit().getDuration();
            if (visits == 0) {
                departure = start - travelBefore;
                firstStart = start;
            } else {
                long wait = start - arrival;
                idle += wait;
                longestIdle = Math.max(longestIdle, wait);
                idleBeyond += Math.max(0L, wait - threshold);
            }
            lastEnd = end;
            last = slot;
            visits++;
        }
        Location lastLocation;
        if (last != null) {
            lastLocation = last.getVisit().getLocation();
        } else if (!started.isEmpty()) {
            lastLocation = shift.getStartLocation(); // where the last started visit took place
        } else {
            return demand == 0 ? EMPTY : new ShiftSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, demand);
        }
        long home = shift.travelTicks(lastLocation, shift.getEndLocation());
        travel += home;
        return new ShiftSummary(
                visits,
                departure,
                lastEnd + home,
                travel,
                contact,
                idle,
                longestIdle,
                idleBeyond,
                lastEnd - firstStart,
                demand);
    }
}
