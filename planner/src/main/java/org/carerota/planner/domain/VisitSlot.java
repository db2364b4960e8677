package org.carerota.planner.domain;

import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.solver.ArrivalTimeListener;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.InverseRelationShadowVariable;
import org.optaplanner.core.api.domain.variable.NextElementShadowVariable;
import org.optaplanner.core.api.domain.variable.PiggybackShadowVariable;
import org.optaplanner.core.api.domain.variable.PreviousElementShadowVariable;
import org.optaplanner.core.api.domain.variable.ShadowVariable;

/**
 * One carer's part of a visit (a planning value of {@link CarerShift#getSlots()}, and an entity for its shadow
 * variables). A visit needing N carers has N slots, linked as {@link #getTogether() together}: they start at the same
 * moment, so the carer who arrives first waits.
 *
 * <p>Shadow variables, kept by {@link ArrivalTimeListener}: {@code arrival} (previous end, or the shift start, plus
 * travel), {@code start} (the latest of the arrivals of all slots together, the window start and any dependency's
 * start plus its minimum gap), {@code end} (start plus duration), {@code travelBefore}, and {@code unsynchronised}
 * (true when the start cannot be computed because together slots wait on each other in a cycle, for example two
 * slots of one visit on the same shift; times are then {@code null}). All are {@code null} on the virtual shift.
 */
@PlanningEntity
public class VisitSlot {

    public static final String ARRIVAL = "arrival";

    @PlanningId
    private String id;

    private Visit visit;
    private int part;
    private List<VisitSlot> together = new ArrayList<>();
    private List<VisitSlot> prerequisites = new ArrayList<>();
    private List<VisitSlot> dependents = new ArrayList<>();

    @InverseRelationShadowVariable(sourceVariableName = "slots")
    private @Nullable CarerShift shift;

    @PreviousElementShadowVariable(sourceVariableName = "slots")
    private @Nullable VisitSlot previous;

    @NextElementShadowVariable(sourceVariableName = "slots")
    private @Nullable VisitSlot next;

    @ShadowVariable(variableListenerClass = ArrivalTimeListener.class, sourceVariableName = "shift")
    @ShadowVariable(variableListenerClass = ArrivalTimeListener.class, sourceVariableName = "previous")
    private @Nullable Long arrival;

    @PiggybackShadowVariable(shadowVariableName = ARRIVAL)
    private @Nullable Long start;

    @PiggybackShadowVariable(shadowVariableName = ARRIVAL)
    private @Nullable Long end;

    @PiggybackShadowVariable(shadowVariableName = ARRIVAL)
    private @Nullable Long travelBefore;

    @PiggybackShadowVariable(shadowVariableName = ARRIVAL)
    private Boolean unsynchronised = Boolean.FALSE;

    /** For OptaPlanner's cloner. */
    @SuppressWarnings("NullAway.Init")
    public VisitSlot() {}

    public VisitSlot(Visit visit, int part) {
        this.id = visit.getCarersRequired() == 1 ? visit.getId() : visit.getId() + "#" + (part + 1);
        this.visit = visit;
        this.part = part;
        this.together.add(this);
    }

    /** Links slots that must start at the same moment (each list includes the slot itself). */
    public static void linkTogether(List<VisitSlot> slots) {
        for (VisitSlot slot : slots) {
            slot.together = new ArrayList<>(slots);
        }
    }

    /** Declares that {@code dependent} starts at least the visit's minimum gap after {@code prerequisite}. */
    public static void linkDependency(VisitSlot prerequisite, VisitSlot dependent) {
        prerequisite.dependents.add(dependent);
        dependent.prerequisites.add(prerequisite);
    }

    // ------------------------------------------------------------------------
    // Derived facts used by constraints
    // ------------------------------------------------------------------------

    /** Whether the slot sits on a real carer shift (not the virtual unassigned one). */
    public boolean isAssigned() {
        return shift != null && !shift.isVirtual();
    }

    /** Whether the slot is on a real shift and has computed times. */
    public boolean isScheduled() {
        return isAssigned() && start != null;
    }

    /** The serving carer, or {@code null} if not assigned. */
    public @Nullable Carer getCarer() {
        return shift == null ? null : shift.getCarer();
    }

    public String getCarerId() {
        Carer carer = getCarer();
        return carer == null ? "" : carer.getId();
    }

    public String getVisitId() {
        return visit.getId();
    }

    /** Required skills the carer does not hold in date on the visit day (0 when not assigned). */
    public int missingSkills() {
        return isAssigned() ? shift.missingSkills(visit) : 0;
    }

    /** Ticks the start is after the window end (0 when not scheduled). */
    public long lateBeyondWindow() {
        return start == null ? 0L : Math.max(0L, start - visit.getWindow().end());
    }

    /** Ticks the start is after the preferred start (0 when not scheduled). */
    public long lateAgainstPreferred() {
        return start == null ? 0L : Math.max(0L, start - visit.getPreferredStart());
    }

    /** Ticks of the visit outside the shift's availability or after the shift end (0 when not scheduled). */
    public long outsideAvailability() {
        if (!isScheduled()) {
            return 0L;
        }
        long outside = 0L;
        if (!shift.getAvailabilities().isEmpty()) {
            outside += Availability.uncovered(shift.getAvailabilities(), start, end);
        }
        outside += Math.max(0L, end - Math.max(start, shift.getEnd()));
        return outside;
    }

    /** Ticks of the visit that fall in one of the carer's absences. */
    public long absenceOverlap() {
        return isScheduled() ? Absence.overlap(shift.getAbsences(), start, end) : 0L;
    }

    /** The medium-level weight of leaving this slot unplaced: priority weight × minutes. */
    public long unassignedWeight() {
        long minutes = Math.max(1L, visit.getDuration() / Math.max(1L, ticksPerMinute()));
        return visit.getPriority().weight() * minutes;
    }

    private long ticksPerMinute() {
        return shift == null ? 1L : shift.getRules().ticksPerMinute();
    }

    /** Whether some slot of the same visit (or of a visit to start together with it) is not assigned. */
    public boolean hasUnassignedPartner() {
        for (VisitSlot other : together) {
            if (other != this && !other.isAssigned()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------
    // Getters and setters
    // ------------------------------------------------------------------------

    public String getId() {
        return id;
    }

    public Visit getVisit() {
        return visit;
    }

    /** 0-based index of this slot among the visit's carers. */
    public int getPart() {
        return part;
    }

    /** The slots that start at the same moment, this one included. */
    public List<VisitSlot> getTogether() {
        return together;
    }

    /** Slots of the visit this one depends on (with a gap). */
    public List<VisitSlot> getPrerequisites() {
        return prerequisites;
    }

    /** Slots of visits that depend on this one (with a gap). */
    public List<VisitSlot> getDependents() {
        return dependents;
    }

    public @Nullable CarerShift getShift() {
        return shift;
    }

    public void setShift(@Nullable CarerShift shift) {
        this.shift = shift;
    }

    public @Nullable VisitSlot getPrevious() {
        return previous;
    }

    public void setPrevious(@Nullable VisitSlot previous) {
        this.previous = previous;
    }

    public @Nullable VisitSlot getNext() {
        return next;
    }

    public void setNext(@Nullable VisitSlot next) {
        this.next = next;
    }

    public @Nullable Long getArrival() {
        return arrival;
    }

    public void setArrival(@Nullable Long arrival) {
        this.arrival = arrival;
    }

    public @Nullable Long getStart() {
        return start;
    }

    public void setStart(@Nullable Long start) {
        this.start = start;
    }

    public @Nullable Long getEnd() {
        return end;
    }

    public void setEnd(@Nullable Long end) {
        this.end = end;
    }

    public @Nullable Long getTravelBefore() {
        return travelBefore;
    }

    public void setTravelBefore(@Nullable Long travelBefore) {
        this.travelBefore = travelBefore;
    }

    public boolean isUnsynchronised() {
        return Boolean.TRUE.equals(unsynchronised);
    }

    public Boolean getUnsynchronised() {
        return unsynchronised;
    }

    public void setUnsynchronised(Boolean unsynchronised) {
        this.unsynchronised = unsynchronised;
    }

    @Override
    public String toString() {
        return id;
    }
}
